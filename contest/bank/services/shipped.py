"""The bank shipped with the platform (question_bank/*.yaml), loaded into the
database: by `flask --app wsgi bank load`, by `seed-demo`, or by an organizer's
button on an empty database. Loading is repeatable: unchanged questions stay,
changed ones get a new version once shown."""
from flask import current_app

from contest.audit.services import record
from contest.bank.formats.records import read_topic_file, topic_files
from contest.bank.rules.validate import NO_MINIMUMS, Problem, check_directory
from contest.bank.services.loader import LoadReport, load_records
from contest.errors import DomainError


class ShippedBankInvalid(DomainError):
    status_code = 500
    message = "Ngân hàng câu hỏi đi kèm có lỗi, chưa nạp gì."

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems = problems


def load_shipped_bank(actor=None) -> LoadReport:
    """Check every file, then load them all in one transaction with its audit row."""
    directory = current_app.config["QUESTION_BANK_DIR"]
    records, problems = check_directory(directory, NO_MINIMUMS, whole_bank_rules=False)
    if problems:
        raise ShippedBankInvalid(problems)
    files = [read_topic_file(path) for path in topic_files(directory)]
    report = load_records(records, {f.topic: f.title for f in files},
                          {f.topic: f.scope for f in files})
    record("bank.load", actor=actor, created=len(report.created), updated=len(report.updated),
           new_versions=len(report.new_versions))
    return report
