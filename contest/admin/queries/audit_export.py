"""The audit log as an Excel workbook: the entries a filter keeps, newest first,
at most ``EXPORT_LIMIT`` of them. Downloading it is itself audited."""
from contest.admin.queries.audit import ENTRY_COLUMNS, AuditFilter, describe, filtered
from contest.audit.services import record
from contest.extensions import db
from contest.formatting import format_local
from contest.spreadsheets import Table, write_xlsx

EXPORT_LIMIT = 50_000
CHUNK = 1_000
SHEET = "Nhật ký thao tác"
HEADERS = ["Thời gian", "Người thực hiện", "Thao tác", "Mã thao tác", "Đối tượng", "Chi tiết", "IP"]


def audit_workbook(filters: AuditFilter, actor) -> tuple[bytes, int]:
    """(workbook, rows written); the download is recorded as ``admin.queries.audit_export``."""
    rows = list(_rows(filters))  # one more than the limit tells whether it was reached
    capped, rows = len(rows) > EXPORT_LIMIT, rows[:EXPORT_LIMIT]
    data = write_xlsx(Table(SHEET, HEADERS, rows))
    record("audit.export", actor=actor, rows=len(rows), capped=capped,
           filters=filters.as_args() or None)
    return data, len(rows)


def _rows(filters: AuditFilter):
    result = db.session.execute(
        filtered(filters, *ENTRY_COLUMNS).limit(EXPORT_LIMIT + 1).execution_options(yield_per=CHUNK))
    for chunk in result.partitions():
        for entry in describe(chunk):
            yield [format_local(entry.at), entry.actor, entry.action_label, entry.action,
                   entry.target, "\n".join(line.text for line in entry.details), entry.ip or ""]
