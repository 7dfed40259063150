"""Consent at registration: asked in plain Vietnamese, required, recorded with
the text's version and the time; the privacy page says the same."""
from contest.accounts.models import User
from contest.contests.models import Contest
from contest.extensions import db
from contest.accounts.services.consent import CONSENT_VERSION
from contest.accounts.models import Consent
from tests.privacy.conftest import registration

RIGHTS = ("được biết", "rút lại sự đồng ý", "truy cập", "chỉnh sửa", "yêu cầu xóa")


def test_registration_without_consent_is_refused_and_creates_nothing(client, unit):
    response = client.post("/dang-ky", data=registration(unit, consent=None))
    assert response.status_code == 422
    assert "Vui lòng đọc và đồng ý" in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0
    assert db.session.query(Consent).count() == 0


def test_consent_is_recorded_with_its_version_and_time(client, unit, frozen):
    assert client.post("/dang-ky", data=registration(unit)).status_code == 302
    consent = db.session.query(Consent).one()
    user = db.session.query(User).one()
    assert (consent.user_id, consent.version, consent.given_at, consent.withdrawn_at) == (
        user.id, CONSENT_VERSION, frozen.at, None)


def test_registration_page_summarises_what_why_who_how_long_and_rights(client, unit, app):
    app.config["PERSONAL_DATA_RETENTION_DAYS"] = 400
    html = client.get("/dang-ky").get_data(as_text=True)
    for part in ("Dữ liệu được thu thập", "Mục đích", "Bên kiểm soát dữ liệu",
                 "Thời gian lưu trữ", "400 ngày", *RIGHTS):
        assert part in html, part
    assert 'href="/quyen-rieng-tu"' in html
    assert 'type="checkbox"' in html and 'name="consent"' in html


def test_privacy_page_names_the_organizer_the_law_the_retention_and_the_rights(client, app,
                                                                                make_round):
    make_round()
    contest = db.session.query(Contest).one()
    contest.organizer_name, contest.contact_line = "Văn phòng UBND tỉnh Gia Lai", "ĐT: 0269 1234 567"
    db.session.commit()
    app.config["PERSONAL_DATA_RETENTION_DAYS"] = 180
    response = client.get("/quyen-rieng-tu")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for part in ("Văn phòng UBND tỉnh Gia Lai", "ĐT: 0269 1234 567", "180 ngày",
                 "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15", "Nghị định số 356/2025/NĐ-CP",
                 f"Phiên bản nội dung {CONSENT_VERSION}", "Bên kiểm soát dữ liệu", *RIGHTS):
        assert part in html, part


def test_privacy_page_says_what_is_kept_for_how_long_and_what_deletion_erases(client, app):
    app.config["PERSONAL_DATA_RETENTION_DAYS"], app.config["EXPORT_RETENTION_HOURS"] = 200, 48
    html = client.get("/quyen-rieng-tu").get_data(as_text=True)
    table = html[html.index('id="luu-tru"'):html.index("Thực hiện quyền của bạn")]
    for part in ("Thời gian lưu", "Khi yêu cầu xóa được thực hiện",
                 "Nhật ký thao tác", "địa chỉ IP các thao tác của bạn bị xóa",
                 "Tệp xuất dữ liệu đầy đủ", "48 giờ sau khi tạo",
                 "Mọi tệp của các đợt thi bạn đã tham gia bị xóa ngay",
                 "Lý do bị xóa", "200 ngày sau khi cuộc thi kết thúc",
                 "Danh sách đoạt giải đã công bố"):
        assert part in table, part
