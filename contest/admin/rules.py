"""The rules a round's times and draw must follow, shared by the settings
services (contest, round, prize group) and the lifecycle (schedule, extend).
Each check returns a Vietnamese message, or None when the rule holds."""
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select

from contest.clock import now
from contest.contests.models import PrizeGroup, Round
from contest.contests.rules.period import round_outside
from contest.extensions import db
from contest.formatting import format_local
from contest.key_lists import keys_of
from contest.quiz.rules.selection import DrawSpec, mix_problem, spec_for

MIX_LABELS = {"topic_mix": "chủ đề", "difficulty_mix": "độ khó"}


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


def mix_sum_problem(name: str, mix: dict | None, questions: int) -> str | None:
    """A mix, when set, counts no negative number and adds up to the questions
    of an attempt."""
    if any(count < 0 for count in (mix or {}).values()):
        return f"Số câu trong cơ cấu theo {MIX_LABELS[name]} không được âm."
    total = sum((mix or {}).values())
    if mix and total != questions:
        return (f"Cơ cấu theo {MIX_LABELS[name]} cộng lại {total} câu, phải bằng số câu "
                f"hỏi mỗi lượt ({questions}).")
    return None


def for_group(spec: DrawSpec, topics) -> DrawSpec:
    """What a person of a prize group with its own ``topics`` draws (the round's
    topic mix does not apply to them; its difficulty mix does)."""
    return replace(spec, topics=tuple(topics), topic_mix={})


def rounds_not_closed(contest) -> list[Round]:
    """Rounds that can still draw (drafts included: they may be scheduled)."""
    at = now()
    return [round_ for round_ in contest.rounds if round_.status(at) != "closed"]


def group_topic_sets(contest_id: int, except_id: int | None = None) -> list[tuple[str, tuple]]:
    """(name, topics) of the contest's prize groups that draw their own topics."""
    rows = db.session.execute(select(PrizeGroup.id, PrizeGroup.name, PrizeGroup.topics)
                              .where(PrizeGroup.contest_id == contest_id)
                              .order_by(PrizeGroup.position))
    return [(name, keys_of(topics)) for id_, name, topics in rows
            if keys_of(topics) and id_ != except_id]


def groups_problem(spec: DrawSpec, groups) -> str | None:
    """Each prize group with its own topics can still fill an attempt of ``spec``."""
    for name, topics in groups:
        problem = mix_problem(for_group(spec, topics))
        if problem:
            return f"{name} (chủ đề riêng): {problem} Chọn thêm chủ đề cho bảng giải."
    return None


def group_topics_problem(contest, topics) -> str | None:
    """A prize group drawing only ``topics`` can fill an attempt of every round
    of the contest that has not closed."""
    for round_ in rounds_not_closed(contest):
        problem = mix_problem(for_group(spec_for(round_), topics))
        if problem:
            return f"{round_.name}: {problem} Chọn thêm chủ đề hoặc để trống."
    return None


def scopes_change_problem(contest, scopes) -> str | None:
    """With the bank narrowed or widened to ``scopes``, every round of the contest
    that has not closed (and every prize group with its own topics) still fills
    an attempt."""
    groups = group_topic_sets(contest.id)
    for round_ in rounds_not_closed(contest):
        spec = replace(spec_for(round_), scopes=tuple(scopes))
        problem = mix_problem(spec) or groups_problem(spec, groups)
        if problem:
            return (f"{round_.name}: {problem} Chọn thêm phạm vi, hoặc sửa đợt thi "
                    "trước khi đổi phạm vi câu hỏi.")
    return None


def not_past_problem(opens_at: datetime) -> str | None:
    if opens_at < now().replace(second=0, microsecond=0):
        return (f"Giờ mở ({format_local(opens_at)}) đã qua: chỉ công bố lịch cho đợt thi "
                "mở từ bây giờ trở đi.")
    return None


def schedule_problems(round_: Round) -> list[str]:
    """Why this draft cannot be scheduled now (empty: it can)."""
    contest = round_.contest
    checks = (
        window_problem(round_.opens_at, round_.closes_at),
        *round_outside(contest.starts_at, contest.ends_at, round_.opens_at,
                       round_.closes_at).values(),
        not_past_problem(round_.opens_at),
        overlap_problem(round_, round_.contest_id, round_.opens_at, round_.closes_at,
                        round_.allow_overlap),
        pool_problem(spec_for(round_)),
        groups_problem(spec_for(round_), group_topic_sets(round_.contest_id)),
    )
    return [problem for problem in checks if problem]
