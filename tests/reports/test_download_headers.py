"""Every download of the app (spreadsheets, Word, PDF, PNG, zip, JSON) goes out
with the same headers: an attachment with its file name, and ``private,
no-store`` (they hold personal data or the organizer's working files, and no
cache may keep a copy). A download route added without going through
``contest.downloads`` fails here until it is listed in ``DOWNLOADS``."""
import io

import pytest

from contest.downloads import PRIVATE_FILE, send_download
from contest.extensions import db
from contest.reports.models import ExportJob
from tests.accounts.admin_helpers import workbook
from tests.conftest import login

FILE_SUFFIXES = (".xlsx", ".docx", ".pdf", ".png", ".zip", ".json", ".csv", "/tai-ve")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bulk_upload(client, scenario):
    data = workbook([["Phạm Văn Em", "17/05/1990", "0912000999", scenario.organizer.unit.code]],
                    ["Họ và tên", "Ngày sinh", "Số điện thoại", "Mã đơn vị"])
    created = client.post("/quan-tri/tai-khoan/tao-hang-loat", content_type="multipart/form-data",
                          data={"file": (io.BytesIO(data), "can-bo.xlsx")})
    return client.get(created.headers["Location"] + "/mat-khau.xlsx")


def _full_export(client, scenario, fmt):
    base = f"/quan-tri/dot-thi/{scenario.round.id}/xuat"
    client.post(f"{base}/toan-bo", data={"format": fmt})
    job = db.session.query(ExportJob).order_by(ExportJob.id.desc()).first()
    return client.get(f"{base}/{job.public_id}/tai-ve")


def _get(path):
    return lambda client, s: client.get(path(s))


# endpoint -> (how to download it as the organizer, mimetype, file name)
DOWNLOADS = {
    "unit_admin.template": (_get(lambda s: "/quan-tri/danh-muc-don-vi/mau.xlsx"),
                            XLSX, "mau-danh-muc-don-vi.xlsx"),
    "unit_admin.export": (_get(lambda s: "/quan-tri/danh-muc-don-vi/danh-sach.xlsx"),
                          XLSX, "danh-muc-don-vi.xlsx"),
    "bank.template": (_get(lambda s: "/quan-tri/cau-hoi/mau.xlsx"), XLSX, "mau-ngan-hang-cau-hoi.xlsx"),
    "bank.export": (_get(lambda s: "/quan-tri/cau-hoi/ngan-hang.xlsx"), XLSX, "ngan-hang-cau-hoi.xlsx"),
    "account_admin.bulk_template": (_get(lambda s: "/quan-tri/tai-khoan/tao-hang-loat/mau.xlsx"),
                                    XLSX, "mau-tao-tai-khoan.xlsx"),
    "account_admin.bulk_passwords": (_bulk_upload, XLSX, "tai-khoan-moi-tao.xlsx"),
    "audit.export": (_get(lambda s: "/quan-tri/nhat-ky/nhat-ky.xlsx"), XLSX, "nhat-ky-thao-tac.xlsx"),
    "unit_results.absentees_workbook": (
        _get(lambda s: f"/don-vi/{s.organizer.unit.code}/chua-tham-gia.xlsx"), XLSX, None),
    "unit_results.staff_template": (
        _get(lambda s: f"/don-vi/{s.organizer.unit.code}/danh-sach-can-bo/mau.xlsx"), XLSX,
        "mau-danh-sach-can-bo.xlsx"),
    "reports.winners": (_get(lambda s: f"/quan-tri/dot-thi/{s.round.id}/xuat/dat-giai.xlsx"),
                        XLSX, "dot-1-dat-giai.xlsx"),
    "reports.report": (_get(lambda s: f"/quan-tri/dot-thi/{s.round.id}/xuat/bao-cao.docx"),
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       "dot-1-bao-cao.docx"),
    "reports.download": (lambda client, s: _full_export(client, s, "csv"),
                         "application/zip", "dot-1-toan-bo.zip"),
    "contest_admin.poster_pdf": (
        _get(lambda s: f"/quan-tri/cuoc-thi/{s.round.contest_id}/ap-phich.pdf"), "application/pdf",
        "ap-phich-thu.pdf"),
    "contest_admin.poster_png": (
        _get(lambda s: f"/quan-tri/cuoc-thi/{s.round.contest_id}/ap-phich.png"), "image/png",
        "ap-phich-thu.png"),
    "privacy.download": (_get(lambda s: "/ho-so/du-lieu-ca-nhan/tai-ve"), "application/json",
                         None),
}
# A contestant's own file (the organizer took no part in the round).
CONTESTANT_DOWNLOADS = {
    "certificates.download": (
        _get(lambda s: f"/chung-nhan/dot-thi/{s.round.id}/tham-gia.pdf"), "application/pdf",
        "giay-chung-nhan-tham-gia-dot-1.pdf"),
}


def _check_headers(response, mimetype: str, filename: str | None) -> None:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == mimetype
    assert response.headers["Cache-Control"] == PRIVATE_FILE
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    if filename is not None:
        assert disposition == f"attachment; filename={filename}"


@pytest.mark.parametrize("endpoint", sorted(DOWNLOADS))
@pytest.mark.commits
def test_every_organizer_download_is_a_private_attachment(client, scenario, endpoint):
    login(client, scenario.organizer)
    fetch, mimetype, filename = DOWNLOADS[endpoint]
    _check_headers(fetch(client, scenario), mimetype, filename)


def test_a_contestants_certificate_is_a_private_attachment(client, scenario):
    login(client, scenario.people["an"])
    fetch, mimetype, filename = CONTESTANT_DOWNLOADS["certificates.download"]
    _check_headers(fetch(client, scenario), mimetype, filename)


def test_every_download_route_is_walked(app):
    """A new route ending in a file name is listed above (and so checked)."""
    routes = {rule.endpoint for rule in app.url_map.iter_rules()
              if rule.rule.endswith(FILE_SUFFIXES)}
    assert routes <= set(DOWNLOADS) | set(CONTESTANT_DOWNLOADS)


def test_a_vietnamese_file_name_keeps_its_letters_with_an_ascii_fallback(app):
    with app.test_request_context():
        response = send_download(b"{}", "Dữ liệu của tôi.json", "application/json")
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"Du lieu cua toi.json\"; "
        "filename*=UTF-8''D%E1%BB%AF%20li%E1%BB%87u%20c%E1%BB%A7a%20t%C3%B4i.json")
    assert response.headers["Cache-Control"] == PRIVATE_FILE
