"""'Yêu cầu xóa dữ liệu': recorded once (withdrawing consent), audited, listed for
the organizer, carried out by an organizer: the person anonymised."""
from contest.accounts.models import User
from contest.audit.models import AuditLog
from contest.extensions import db
from contest.accounts.models import Consent
from contest.privacy.models import DeletionRequest
from contest.accounts.services.consent import add_consent
from tests.conftest import PASSWORD, login

REQUEST = "/ho-so/du-lieu-ca-nhan/yeu-cau-xoa"
LIST = "/quan-tri/du-lieu-ca-nhan/yeu-cau-xoa"


def _as_organizer(client, make_user):
    client.post("/dang-xuat")
    login(client, make_user(role="organizer"))


def _request(client, user, **data):
    login(client, user)
    return client.post(REQUEST, data={"confirm": "y", "reason": "Không thi nữa", **data})


def test_a_request_is_recorded_withdraws_consent_and_is_audited(client, contestant, frozen):
    add_consent(contestant)
    db.session.commit()
    response = _request(client, contestant)
    assert response.status_code == 302
    request = db.session.query(DeletionRequest).one()
    assert (request.user_id, request.reason, request.requested_at) == (
        contestant.id, "Không thi nữa", frozen.at)
    assert db.session.query(Consent).one().withdrawn_at == frozen.at
    assert db.session.query(AuditLog).filter_by(action="privacy.deletion_request").count() == 1
    html = client.get("/ho-so/du-lieu-ca-nhan").get_data(as_text=True)
    assert "đang chờ Ban Tổ chức thực hiện" in html


def test_a_second_request_changes_nothing(client, contestant):
    _request(client, contestant)
    response = client.post(REQUEST, data={"confirm": "y"}, follow_redirects=True)
    assert "Bạn đã gửi yêu cầu xóa dữ liệu trước đó" in response.get_data(as_text=True)
    assert db.session.query(DeletionRequest).count() == 1
    assert db.session.query(AuditLog).filter_by(action="privacy.deletion_request").count() == 1


def test_a_request_without_the_confirmation_or_with_a_long_reason_is_refused(client, contestant):
    for data in ({"confirm": ""}, {"reason": "x" * 501}):
        response = _request(client, contestant, **data)
        assert response.status_code == 400
    assert "Vui lòng đánh dấu ô xác nhận" in _request(client, contestant, confirm="").get_data(as_text=True)
    assert db.session.query(DeletionRequest).count() == 0


def test_the_organizer_sees_the_request_and_carries_it_out(client, contestant, make_user):
    _request(client, contestant)
    phone = contestant.phone
    _as_organizer(client, make_user)
    html = client.get(LIST).get_data(as_text=True)
    assert contestant.full_name in html and "Không thi nữa" in html
    assert "0912•••" in html and phone not in html
    request = db.session.query(DeletionRequest).one()
    assert client.post(f"{LIST}/{request.id}/thuc-hien", data={}).status_code == 400
    response = client.post(f"{LIST}/{request.id}/thuc-hien", data={"confirm": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    person = db.session.get(User, contestant.id)
    assert person.full_name == f"Người dự thi #{person.id}" and person.phone != phone
    assert request.carried_out_at is not None
    assert db.session.query(AuditLog).filter_by(action="privacy.deletion_carried_out").count() == 1
    again = client.post(f"{LIST}/{request.id}/thuc-hien", data={"confirm": "y"})
    assert again.status_code == 409
    assert client.post(f"{LIST}/999999/thuc-hien", data={"confirm": "y"}).status_code == 404


def test_an_anonymised_person_cannot_log_in_any_more(client, contestant, make_user):
    _request(client, contestant)
    phone = contestant.phone
    _as_organizer(client, make_user)
    response = client.post(f"{LIST}/{db.session.query(DeletionRequest).one().id}/thuc-hien",
                           data={"confirm": "y"})
    assert response.status_code == 302
    client.post("/dang-xuat")
    for identifier in (phone, f"x{contestant.id}"):
        response = client.post("/dang-nhap", data={"identifier": identifier, "password": PASSWORD})
        assert response.status_code == 422, identifier


def test_only_organizers_see_the_requests(client, contestant):
    login(client, contestant)
    assert client.get(LIST).status_code == 403
    assert client.post(f"{LIST}/1/thuc-hien", data={"confirm": "y"}).status_code == 403
