"""'Tải dữ liệu của tôi': everything stored about the logged-in person, and only
theirs; never cached; audited."""
import json

from contest.audit.models import AuditLog
from contest.extensions import db
from contest.accounts.services.consent import CONSENT_VERSION
from contest.accounts.services.consent import add_consent
from tests.conftest import login

DOWNLOAD = "/ho-so/du-lieu-ca-nhan/tai-ve"


def test_the_download_holds_the_persons_data_and_no_one_elses(client, scenario):
    an, other = scenario.people["an"], scenario.people["at"]
    add_consent(an)
    db.session.commit()
    login(client, an)
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    account = data["tai_khoan"]
    assert (account["ho_va_ten"], account["so_dien_thoai"], account["ngay_sinh"]) == (
        an.full_name, an.phone, "1985-03-07")
    assert account["don_vi"]["ten"] == "Sở Tư pháp"
    [attempt] = data["luot_thi"]
    assert (attempt["so_cau_dung"], attempt["tong_so_cau"], attempt["du_doan"]) == (5, 5, 2)
    assert len(attempt["cau_tra_loi"]) == 5
    assert all(answer["cau_tra_loi"].startswith("Phương án") for answer in attempt["cau_tra_loi"])
    assert [c["phien_ban"] for c in data["dong_y"]] == [CONSENT_VERSION]
    raw = response.get_data(as_text=True)
    assert other.phone not in raw and other.full_name not in raw
    assert db.session.query(AuditLog).filter_by(action="privacy.download",
                                                actor_id=an.id).count() == 1


def test_the_download_needs_a_login(client):
    response = client.get(DOWNLOAD)
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


def test_the_page_offers_the_download_and_the_deletion_request(client, contestant):
    login(client, contestant)
    html = client.get("/ho-so/du-lieu-ca-nhan").get_data(as_text=True)
    assert "Tải dữ liệu của tôi" in html and "Gửi yêu cầu xóa dữ liệu" in html
    assert "/ho-so/du-lieu-ca-nhan" in client.get("/ho-so").get_data(as_text=True)
