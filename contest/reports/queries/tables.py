"""The tables of a round's export, each a ``Table`` (Vietnamese sheet name,
header, rows), shared by the workbook and the CSV zip.

Rows are built lazily: a table's query runs only when the writer reaches it,
and the individual ranking is read from the database in batches, so nothing
holds the whole round in memory.

The winners sheet ("Đạt giải") starts with a "Trạng thái" column: "Đã công bố"
for the published awards, "Dự kiến" for the provisional list (ranking order,
reviews applied) before the organizer publishes. Under the winners it lists the
people ranked above a group's last winner who take no prize. That sheet and the
ranking end with a "Xét giải" column (``prizes.queries``): the prize, "Bị loại:
<lý do>", "Không xét giải: <vì sao>", or empty.
"""
from fractions import Fraction
from itertools import chain
from typing import Iterator

from sqlalchemy import func, select

from contest import formatting
from contest.audiences import AUDIENCES
from contest.bank.queries.statistics import question_statistics
from contest.contests.models import Round
from contest.extensions import db
from contest.prizes.queries import STATUS_HEADER, WON, PrizeStatus, prize_book
from contest.rankings.models import RoundEntry
from contest.rankings.queries.figures import participation_by_audience, participation_by_day
from contest.rankings.queries.ranking import iter_round_ranking_columns
from contest.rankings.queries.units import UnitStanding
from contest.reports.queries.round_data import (
    SetAside, WinnerRecord, set_aside_records, shown_error, standings_by_kind, winner_records,
)
from contest.spreadsheets import Table
from contest.units.models import UNIT_KINDS, Unit
from contest.units.queries import IS_PUBLIC

WINNERS = "Đạt giải"
RANKING = "Xếp hạng cá nhân"
UNIT_RANKINGS = {"agency": "Xếp hạng sở, ban, ngành", "commune": "Xếp hạng xã, phường",
                 "public_service": "Xếp hạng ĐV sự nghiệp"}
BY_UNIT, BY_AUDIENCE, BY_DAY = "Tham gia theo đơn vị", "Tham gia theo đối tượng", "Tham gia theo ngày"
QUESTIONS = "Thống kê câu hỏi"
PUBLISHED, PROVISIONAL = "Đã công bố", "Dự kiến"

WINNER_HEADERS = ("Trạng thái", "Hạng", "Bảng", "Giải", "Họ và tên", "Ngày sinh", "Đơn vị",
                  "Số điện thoại", "Số câu đúng", "Tổng số câu", "Thời gian (giây)", "Dự đoán",
                  "Chênh lệch", STATUS_HEADER)
RANKING_HEADERS = ("Hạng", "Họ và tên", "Đơn vị", "Khối", "Đối tượng", "Số câu đúng",
                   "Tổng số câu", "Thời gian (giây)", "Nộp lúc", "Dự đoán", "Chênh lệch",
                   "Số lượt thi", STATUS_HEADER)
UNIT_FIGURES = ("Biên chế", "Người dự thi", "Lượt thi", "Tỷ lệ tham gia (%)", "Điểm TB")
UNIT_RANKING_HEADERS = ("Hạng", "Mã", "Đơn vị") + UNIT_FIGURES + ("Ghi chú",)
BY_UNIT_HEADERS = ("Mã", "Đơn vị", "Khối") + UNIT_FIGURES
BY_AUDIENCE_HEADERS = ("Đối tượng", "Người dự thi", "Lượt thi", "Điểm TB")
BY_DAY_HEADERS = ("Ngày", "Lượt thi", "Người dự thi mới")
QUESTION_HEADERS = ("Mã câu hỏi", "Phiên bản", "Câu hỏi", "Số lần rút", "Tỷ lệ đúng (%)",
                    "Độ phân biệt", "Cần xem lại")
DATE_TIME = "%d/%m/%Y %H:%M:%S"


def round_tables(round_: Round) -> Iterator[Table]:
    """Every table of the full export, in sheet order."""
    yield winners_table(round_)
    yield ranking_table(round_)
    standings = standings_by_kind(round_)
    yield from unit_ranking_tables(standings)
    yield by_unit_table(standings)
    yield by_audience_table(round_)
    yield by_day_table(round_)
    yield questions_table(round_)


def expected_rows(round_: Round) -> int:
    """About how many rows the full export writes (the ranking dominates)."""
    people = db.session.scalar(select(func.count()).select_from(RoundEntry)
                               .where(RoundEntry.round_id == round_.id))
    units = db.session.scalar(select(func.count()).select_from(Unit).where(IS_PUBLIC))
    return people + 2 * units + len(AUDIENCES)


# --- value formatting ----------------------------------------------------------

# Numeric cells, rounded by the rule the pages and the Word report use.

def seconds(duration_ms: int) -> float:
    return float(formatting.rounded(Fraction(duration_ms, 1000), 1))


def rounded(value: float | None, factor: int = 1) -> float | None:
    if value is None:
        return None
    return float(formatting.rounded(formatting.as_decimal(value) * factor, 2))


# --- the tables ----------------------------------------------------------------

def winners_table(round_: Round) -> Table:
    """The winners, then whoever above them takes no prize (no phone or date of
    birth for those: nobody contacts them for a prize)."""
    status = PUBLISHED if round_.results_published else PROVISIONAL
    winners = (_winner_row(status, w, not round_.results_published)
               for w in winner_records(round_))
    others = (_set_aside_row(status, person) for person in set_aside_records(round_))
    return Table(WINNERS, WINNER_HEADERS, chain(winners, others))


def _winner_row(status: str, w: WinnerRecord, provisional: bool) -> tuple:
    return (status, w.rank, w.group_name, w.prize_label, w.full_name,
            formatting.day(w.date_of_birth) or None, w.unit_name, w.phone,
            w.score, w.total, seconds(w.duration_ms), w.prediction, w.error,
            PrizeStatus(WON, w.prize, provisional).label)


def _set_aside_row(status: str, person: SetAside) -> tuple:
    row, entry = person.row, person.row.entry
    return (status, row.rank, person.group_name, None, row.full_name, None, row.unit_name, None,
            entry.score, entry.total, seconds(entry.duration_ms), entry.prediction,
            shown_error(entry.prediction_error), person.label)


def ranking_table(round_: Round) -> Table:
    """No phone or date of birth here: this sheet is the long list."""
    return Table(RANKING, RANKING_HEADERS, _ranking_rows(round_))


def _ranking_rows(round_: Round) -> Iterator[tuple]:
    book = prize_book(round_)  # read before the ranking's cursor opens
    for (rank, full_name, unit_name, kind, audience, score, total, duration_ms, submitted_at,
         prediction, error, attempts, user_id, role) in iter_round_ranking_columns(round_):
        yield (rank, full_name, unit_name, UNIT_KINDS.get(kind, kind),
               AUDIENCES.get(audience, audience), score, total, seconds(duration_ms),
               formatting.format_local(submitted_at, DATE_TIME), prediction, shown_error(error),
               attempts, book.label(user_id, role, audience, score))


def _unit_figures(standing: UnitStanding) -> tuple:
    return (standing.unit.headcount, standing.participants, standing.attempts,
            rounded(standing.rate, 100), rounded(standing.average_score))


def unit_ranking_tables(standings: dict[str, list[UnitStanding]]) -> Iterator[Table]:
    """One sheet per bloc; units not eligible for a prize have no rank and say why."""
    for kind, units in standings.items():
        rows = ((s.rank, s.unit.code, s.unit.name) + _unit_figures(s) + (s.why_not_eligible,)
                for s in units)
        yield Table(UNIT_RANKINGS[kind], UNIT_RANKING_HEADERS, rows)


def by_unit_table(standings: dict[str, list[UnitStanding]]) -> Table:
    """Every unit, bloc by bloc, by name."""
    rows = ((s.unit.code, s.unit.name, s.unit.kind_label) + _unit_figures(s)
            for units in standings.values()
            for s in sorted(units, key=lambda s: (s.unit.name, s.unit.code)))
    return Table(BY_UNIT, BY_UNIT_HEADERS, rows)


def by_audience_table(round_: Round) -> Table:
    rows = ((f.label, f.participants, f.attempts, rounded(f.average_score))
            for f in participation_by_audience(round_))
    return Table(BY_AUDIENCE, BY_AUDIENCE_HEADERS, rows)


def by_day_table(round_: Round) -> Table:
    rows = ((formatting.day(d.day), d.attempts, d.new_participants)
            for d in participation_by_day(round_))
    return Table(BY_DAY, BY_DAY_HEADERS, rows)


def questions_table(round_: Round) -> Table:
    rows = ((q.code, q.version, q.text, q.drawn, rounded(q.correct_share, 100),
             rounded(q.discrimination), "; ".join(q.flags) or None)
            for q in question_statistics(round_id=round_.id))
    return Table(QUESTIONS, QUESTION_HEADERS, rows)
