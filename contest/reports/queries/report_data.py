"""The figures of a round report, gathered once and written as a workbook,
CSV files or the weekly Word report."""
from dataclasses import dataclass, field
from datetime import datetime

from contest.rankings.queries.figures import ScoreBands


@dataclass(frozen=True)
class UnitLine:
    name: str
    kind_label: str
    headcount: int | None
    participants: int
    attempts: int
    rate: float | None          # participants / headcount (0.0–…); None without a headcount
    average_score: float | None  # average best score of the unit's participants


@dataclass(frozen=True)
class WinnerLine:
    group_name: str        # "Bảng A – CBCCVC"
    prize_label: str       # "Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"
    rank: int              # rank in the round's ranking
    full_name: str
    unit_name: str
    score: int
    total: int
    duration_ms: int
    prediction: int | None
    error: int | None      # |prediction - actual|; None without a prediction


@dataclass(frozen=True)
class RoundReport:
    contest_name: str
    organizer_name: str
    round_name: str
    opens_at: datetime     # aware, UTC
    closes_at: datetime    # aware, UTC
    generated_at: datetime  # aware, UTC
    registered: int
    participants: int
    attempts: int
    units_taking_part: int
    units_total: int
    prediction_question: str
    prediction_actual: int | None
    bands: ScoreBands
    full_units: list[UnitLine] = field(default_factory=list)    # units at 100% or more
    lowest_units: list[UnitLine] = field(default_factory=list)  # lowest rates first
    winners: list[WinnerLine] = field(default_factory=list)
    published: bool = False
