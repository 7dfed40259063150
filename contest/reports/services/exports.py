"""Writing a round's export: the full workbook or CSV zip (streamed to a file,
for the background job and the command line) and the small winners workbook
(in memory, for a direct download). Their pages print with the contest and
the round at the top."""
import io
from pathlib import Path

from contest.contests.models import Round
from contest.reports.queries.tables import round_tables, winners_table
from contest.spreadsheets import PrintSetup, Progress, write_csv_zip, write_xlsx_tables

EXTENSIONS = {"xlsx": "xlsx", "csv": "zip"}


def write_round_workbook(round_: Round, out_path: str | Path, progress: Progress = None) -> int:
    """Every table of the round, one sheet each; returns the rows written."""
    return write_xlsx_tables(str(out_path), round_tables(round_), progress,
                             print_setup=round_print_setup(round_))


def write_round_csv_zip(round_: Round, out_path: str | Path, progress: Progress = None) -> int:
    """The same tables, one CSV (UTF-8 with BOM) each, in a zip."""
    return write_csv_zip(str(out_path), round_tables(round_), progress)


WRITERS = {"xlsx": write_round_workbook, "csv": write_round_csv_zip}


def write_round_export(round_: Round, fmt: str, out_path: str | Path,
                       progress: Progress = None) -> int:
    return WRITERS[fmt](round_, out_path, progress)


def winners_workbook(round_: Round) -> bytes:
    """The winners sheet alone (with phone and date of birth)."""
    buffer = io.BytesIO()
    write_xlsx_tables(buffer, [winners_table(round_)], print_setup=round_print_setup(round_))
    return buffer.getvalue()


def round_print_setup(round_: Round) -> PrintSetup:
    """Every printed page of a round's workbook says whose contest and which round."""
    return PrintSetup(title=f"{round_.contest.name} — {round_.name}")


def download_name(round_: Round, what: str, fmt: str = "xlsx") -> str:
    """ASCII file names: "dot-1-dat-giai.xlsx", "dot-1-toan-bo.zip"."""
    return f"dot-{round_.number}-{what}.{EXTENSIONS.get(fmt, fmt)}"
