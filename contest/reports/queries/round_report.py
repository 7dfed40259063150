"""Gathering a round's weekly report (``RoundReport``) from the database."""
from sqlalchemy import func, select

from contest.accounts.models import User
from contest.clock import now
from contest.contests.models import Round
from contest.extensions import db
from contest.rankings.models import RoundEntry
from contest.rankings.queries.figures import score_bands
from contest.rankings.queries.units import UnitStanding
from contest.reports.queries.report_data import RoundReport, UnitLine, WinnerLine
from contest.reports.queries.round_data import WinnerRecord, standings_by_kind, winner_records

LOWEST_UNITS = 10


def build_round_report(round_: Round) -> RoundReport:
    contest = round_.contest
    units = [s for standings in standings_by_kind(round_).values() for s in standings]
    participants, attempts = _entry_totals(round_)
    return RoundReport(
        contest_name=contest.name, organizer_name=contest.organizer_name,
        round_name=round_.name, opens_at=round_.opens_at, closes_at=round_.closes_at,
        generated_at=now(), registered=_registered(round_),
        participants=participants, attempts=attempts,
        units_taking_part=sum(1 for s in units if s.participants), units_total=len(units),
        prediction_question=round_.prediction_question,
        prediction_actual=round_.prediction_actual if round_.results_final else None,
        bands=score_bands(round_),
        full_units=full_units(units), lowest_units=lowest_units(units),
        winners=[winner_line(record) for record in winner_records(round_)],
        published=round_.results_published,
    )


def _registered(round_: Round) -> int:
    """Contestant accounts created before the round closed."""
    return db.session.scalar(select(func.count()).select_from(User).where(
        User.role == "contestant", User.created_at < round_.closes_at))


def _entry_totals(round_: Round) -> tuple[int, int]:
    """People with a submitted attempt, and their submitted attempts."""
    people, attempts = db.session.execute(
        select(func.count(), func.sum(RoundEntry.attempts))
        .where(RoundEntry.round_id == round_.id)).one()
    return people, attempts or 0


def unit_line(standing: UnitStanding) -> UnitLine:
    unit = standing.unit
    return UnitLine(unit.name, unit.kind_label, unit.headcount, standing.participants,
                    standing.attempts, standing.rate, standing.average_score)


def full_units(units: list[UnitStanding]) -> list[UnitLine]:
    """Units of every bloc at 100% or more, highest rate first."""
    full = [s for s in units if s.rate is not None and s.rate >= 1]
    return [unit_line(s) for s in sorted(full, key=lambda s: (-s.rate, s.unit.name))]


def lowest_units(units: list[UnitStanding], count: int = LOWEST_UNITS) -> list[UnitLine]:
    """The lowest rates among units with a headcount, lowest first."""
    rated = [s for s in units if s.rate is not None]
    return [unit_line(s) for s in sorted(rated, key=lambda s: (s.rate, s.unit.name))[:count]]


def winner_line(record: WinnerRecord) -> WinnerLine:
    return WinnerLine(record.group_name, record.prize_label, record.rank, record.full_name,
                      record.unit_name, record.score, record.total, record.duration_ms,
                      record.prediction, record.error)
