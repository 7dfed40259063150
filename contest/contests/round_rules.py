"""The rules a round's times and draw must follow, shared by the settings
service (create/edit) and the lifecycle (schedule, extend). Each check returns
a Vietnamese message, or None when the rule holds."""
from datetime import datetime

from sqlalchemy import select

from contest.clock import format_local, now
from contest.contests.models import Round
from contest.extensions import db
from contest.quiz.selection import DrawSpec, keys_of, mix_problem, spec_for


def window_problem(opens_at: datetime, closes_at: datetime) -> str | None:
    if closes_at <= opens_at:
        return "Giờ đóng phải sau giờ mở."
    return None


def overlap_problem(round_: Round | None, contest_id: int, opens_at: datetime,
                    closes_at: datetime, allow_overlap: bool) -> str | None:
    """Rounds of a contest do not overlap unless one of the two allows it."""
    if allow_overlap:
        return None
    others = select(Round).where(
        Round.contest_id == contest_id, Round.opens_at < closes_at, Round.closes_at > opens_at,
        Round.allow_overlap.is_(False))
    if round_ is not None and round_.id is not None:
        others = others.where(Round.id != round_.id)
    clash = db.session.scalars(others.order_by(Round.opens_at)).first()
    if clash is None:
        return None
    return (f"Thời gian trùng với {clash.name} ({format_local(clash.opens_at)} – "
            f"{format_local(clash.closes_at)}). Chọn thời gian khác hoặc đánh dấu "
            "“Cho phép trùng thời gian với đợt khác”.")


def pool_problem(spec: DrawSpec) -> str | None:
    """The bank must hold enough active questions (one per fact group) in the
    contest's scopes and the chosen topics, in the mixes asked for."""
    problem = mix_problem(spec)
    if problem is None:
        return None
    return f"{problem} Giảm số câu hỏi, chọn thêm chủ đề hoặc đổi cơ cấu câu hỏi."


def settings_spec(contest, questions: int, topics: str, topic_mix=None,
                  difficulty_mix=None) -> DrawSpec:
    """The draw a round with these settings would make (before it is saved)."""
    return DrawSpec(questions, keys_of(contest.question_scopes) or ("national",),
                    tuple(topic_mix or {}) or keys_of(topics), dict(topic_mix or {}),
                    {int(level): n for level, n in (difficulty_mix or {}).items()})


def not_past_problem(opens_at: datetime) -> str | None:
    if opens_at < now().replace(second=0, microsecond=0):
        return (f"Giờ mở ({format_local(opens_at)}) đã qua: chỉ công bố lịch cho đợt thi "
                "mở từ bây giờ trở đi.")
    return None


def schedule_problems(round_: Round) -> list[str]:
    """Why this draft cannot be scheduled now (empty: it can)."""
    checks = (
        window_problem(round_.opens_at, round_.closes_at),
        not_past_problem(round_.opens_at),
        overlap_problem(round_, round_.contest_id, round_.opens_at, round_.closes_at,
                        round_.allow_overlap),
        pool_problem(spec_for(round_)),
    )
    return [problem for problem in checks if problem]
