"""The key oracle of the leak hunt, worked out from the world's plain facts
(round times and states, contest scopes and review setting, topics, prize
groups, which questions each attempt drew), apart from the app's code, with the
rule of issue 17:

- a question's key is hidden while any round of any contest that is not settled
  (a draft, scheduled, open, or closed less than the answer grace ago) can draw
  it — by its topics, or by a prize group's own topics — or an attempt still
  able to save holds it;
- and until the moment the organizer chose has come for a round that asked it
  (the round's close, or the later of the contest's end and its last round's
  close, each plus the grace);
- an attempt's review shows all its keys or none: none while any of its
  questions is hidden or its round's moment has not come.

And how a page is caught showing a key: a question's explanation marker, or one
of its option markers next to a mark of right or wrong."""
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime, timedelta

from contest.bank.models import Question
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.contests.models import PrizeGroup
from contest.quiz.models import IN_PROGRESS, SUBMITTED, Attempt
from tests.leaks.world import explanation_marker, option_marker

# What marks an option as the key, or a chosen option as right or wrong.
KEY_CUES = re.compile(r"✔|✘|text-success|text-danger|border-success|border-danger"
                      r"|Đáp án đúng|correct|Đúng\.|Chưa đúng|data-result")
MARKER = re.compile(r"(?:STEM|EXPL|OPT)-Q\d\d(?:-\d)?-Z")
CUE_REACH = 200  # characters before an option looked at for a mark (within its own question)
CUE_AFTER = 30


@dataclass(frozen=True)
class KeyOracle:
    hidden: frozenset[str]  # codes whose keys no page may show
    review_open: dict[str, bool]  # attempt public id -> its result page shows its keys
    attempt_codes: dict[str, tuple[str, ...]]  # attempt public id -> its questions


def may_draw(scopes: list[str], topics: str, question: Question) -> bool:
    """An attempt drawing ``topics`` ("": all) in these scopes could hold ``question``."""
    return (question.active and question.is_current and question.scope in scopes
            and question.topic.scope in scopes
            and (not topics or question.topic.key in topics.split(",")))


def is_settled(round_: Round, at: datetime, grace: timedelta) -> bool:
    return round_.scheduled_at is not None and at >= round_.closes_at + grace


def review_moment(round_: Round, grace: timedelta) -> datetime:
    """The organizer's moment for this round's keys."""
    contest = round_.contest
    if contest.review_after == "round":
        return round_.closes_at + grace
    ends = [r.closes_at for r in contest.rounds]
    if contest.ends_at is not None:
        ends.append(contest.ends_at)
    return max(ends) + grace


def drawable_codes(at: datetime, grace: timedelta) -> set[str]:
    """Codes a round that is not settled, of any contest, can still draw, or an
    attempt that can still save holds."""
    questions = db.session.query(Question).all()
    codes = set()
    for contest in db.session.query(Contest):
        pending = [r for r in contest.rounds if not is_settled(r, at, grace)]
        if not pending:
            continue
        topic_sets = [r.topics for r in pending] + [
            group.topics for group in db.session.query(PrizeGroup).filter_by(contest_id=contest.id)
            if group.topics]
        scopes = contest.question_scopes.split(",")
        for topics in topic_sets:
            codes |= {q.code for q in questions if may_draw(scopes, topics, q)}
    saving = db.session.query(Attempt).filter_by(status=IN_PROGRESS)
    return codes | {item.question.code for attempt in saving
                    if at <= attempt.deadline_at + grace for item in attempt.items}


def key_oracle(at: datetime, grace: timedelta) -> KeyOracle:
    drawable = drawable_codes(at, grace)
    attempts = db.session.query(Attempt).filter_by(status=SUBMITTED).all()
    codes = {a.public_id: tuple(item.question.code for item in a.items) for a in attempts}
    timely = {a.public_id: at >= review_moment(a.round, grace) for a in attempts}
    revealed = {code for a in attempts if timely[a.public_id] for code in codes[a.public_id]}
    every = {q.code for q in db.session.query(Question)}
    return KeyOracle(
        hidden=frozenset(every - (revealed - drawable)),
        review_open={id_: timely[id_] and not set(codes[id_]) & drawable for id_ in codes},
        attempt_codes=codes)


# --- reading a page ------------------------------------------------------------------------

def keys_shown(text: str, codes) -> list[str]:
    """Which of ``codes`` the text gives a key of: an explanation, or an option
    with a mark of right or wrong beside it (before it back to the previous
    marker, or just after it)."""
    markers = [(m.start(), m.end()) for m in MARKER.finditer(text)]
    starts = [start for start, _ in markers]
    found = []
    for code in codes:
        if explanation_marker(code) in text:
            found.append(f"{code}: giải thích")
        for position in range(1, 5):
            for match in re.finditer(re.escape(option_marker(code, position)), text):
                if _marked(text, markers, starts, match.start(), match.end()):
                    found.append(f"{code}: phương án {position} có dấu đúng/sai")
    return found


def _marked(text: str, markers, starts, begin: int, end: int) -> bool:
    index = bisect_left(starts, begin)
    before_from = max(begin - CUE_REACH, markers[index - 1][1] if index else 0)
    line_end = text.find("\n", end)
    after_to = min(end + CUE_AFTER, starts[index + 1] if index + 1 < len(starts) else len(text),
                   line_end if line_end >= 0 else len(text))
    return bool(KEY_CUES.search(text[before_from:begin]) or KEY_CUES.search(text[end:after_to]))


def explanations_shown(text: str, codes) -> set[str]:
    return {code for code in codes if explanation_marker(code) in text}
