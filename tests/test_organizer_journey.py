"""An organizer runs a whole contest from the browser (the organizer console
issue, "Done means"): from an empty database and `create-admin` to a published
round, with only the pages and forms an organizer sees — create the contest,
import the units, load the questions, create a round, watch it open, close it,
verify the winners, publish. Contestants register and take the round meanwhile.
"""
import io
import re
from datetime import timedelta


from contest.audit.models import AuditLog
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.prizes.models import Award
from contest.spreadsheets import Table, write_xlsx
from tests.contests.helpers import contest_form, local, round_form
from tests.quiz.helpers import correct_choice

ADMIN_PHONE, ADMIN_PASSWORD = "0901234567", "quan-tri-gia-lai-2026"
UNITS = [("GL-S02", "Sở Nội vụ", "Sở, ban, ngành", 60),
         ("GL-24100", "Xã Ia Dreh", "Xã, phường", 30),
         ("GL-21583", "Phường Quy Nhơn", "Xã, phường", 35)]


def units_workbook() -> bytes:
    return write_xlsx(Table("Đơn vị", ["Mã đơn vị", "Tên đơn vị", "Loại", "Biên chế"], UNITS))


def follow(client, response):
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]
    return client.get(response.headers["Location"])


def created_admin(runner) -> None:
    result = runner.invoke(args=["create-admin", "--phone", ADMIN_PHONE, "--name", "Nguyễn Văn An",
                                 "--date-of-birth", "02/09/1980", "--password-stdin"],
                           input=f"{ADMIN_PASSWORD}\n")
    assert result.exit_code == 0, result.output


def register_and_take(app, unit_id: int, phone: str, correct: int, seconds: int, frozen):
    """A contestant registers and takes the round through the web."""
    client = app.test_client()
    response = client.post("/dang-ky", data={
        "full_name": f"Người dự thi {phone[-3:]}", "date_of_birth": "12/03/1990", "gender": "nu",
        "phone": phone, "email": "", "cccd": "", "audience": "cbccvc", "unit_id": str(unit_id),
        "password": "matkhau123", "password_confirm": "matkhau123", "consent": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    home = client.get("/").get_data(as_text=True)
    round_id = re.search(r'action="/dot-thi/(\d+)/bat-dau"', home).group(1)
    location = client.post(f"/dot-thi/{round_id}/bat-dau").headers["Location"]
    public_id = location.rstrip("/").split("/")[-1]
    from contest.quiz.models import Attempt
    attempt = db.session.query(Attempt).filter_by(public_id=public_id).one()
    for item in attempt.items:
        right = correct_choice(attempt, item.position)
        choice = right if item.position <= correct else (right + 1) % 4
        client.post(f"/api/bai-thi/{public_id}/tra-loi",
                    json={"position": item.position, "choice": choice})
    frozen.move(seconds=seconds)
    response = client.post(f"/bai-thi/{public_id}/nop", data={"prediction": "2"})
    assert response.status_code == 302


def test_an_organizer_runs_a_round_from_an_empty_database_to_published_winners(
        app, client, runner, frozen):
    created_admin(runner)
    response = client.post("/dang-nhap", data={"identifier": ADMIN_PHONE, "password": ADMIN_PASSWORD})
    assert response.status_code == 302
    home = client.get("/").get_data(as_text=True)  # an empty site: the first steps
    assert "Bắt đầu tổ chức cuộc thi" in home and home.count('data-step-done="no"') == 5
    console = client.get("/quan-tri/cuoc-thi").get_data(as_text=True)
    assert "Quản trị" in console and "Đơn vị" in console and "Nhật ký" in console

    # The contest.
    response = client.post("/quan-tri/cuoc-thi/moi", data=contest_form(
        starts_at=local(frozen.at), ends_at=local(frozen.at + timedelta(days=30))))
    contest = db.session.query(Contest).one()
    assert "Cuộc thi CCHC tỉnh Gia Lai 2026" in follow(client, response).get_data(as_text=True)

    # The units, from Excel.
    response = client.post("/quan-tri/danh-muc-don-vi/nhap-excel", data={
        "file": (io.BytesIO(units_workbook()), "don-vi.xlsx")}, content_type="multipart/form-data")
    assert response.status_code == 200 and "3" in response.get_data(as_text=True)
    listing = client.get("/quan-tri/danh-muc-don-vi/?q=ia dreh").get_data(as_text=True)
    assert "Xã Ia Dreh" in listing

    # The questions: the bank shipped with the platform.
    follow(client, client.post("/quan-tri/cau-hoi/nap-ngan-hang-co-san"))

    # A round: created as a draft, then its schedule published.
    opens = frozen.at + timedelta(hours=1)
    response = client.post(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi", data=round_form(
        opens, opens + timedelta(days=7), name="Đợt 1", questions_per_attempt="10"))
    round_ = db.session.query(Round).one()
    assert round_.is_draft
    assert "Cuộc thi chưa mở" in app.test_client().get("/").get_data(as_text=True)
    follow(client, client.post(f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/cong-bo-lich"))
    assert "Đợt 1" in app.test_client().get("/").get_data(as_text=True)

    # It opens by its time; people take it while the organizer watches.
    frozen.move(hours=2)
    units = {code: unit_id for code, unit_id in db.session.execute(
        db.text("SELECT code, id FROM units"))}
    for number, (code, correct, seconds) in enumerate(
            [("GL-24100", 10, 300), ("GL-24100", 10, 200), ("GL-21583", 9, 100),
             ("GL-S02", 7, 250)]):
        register_and_take(app, units[code], f"09876543{number:02d}", correct, seconds, frozen)
    dashboard = client.get(f"/quan-tri/theo-doi/dot-thi/{round_.id}")
    assert dashboard.status_code == 200 and "Số liệu lúc" in dashboard.get_data(as_text=True)

    # The organizer closes it early, computes the results, verifies, publishes.
    follow(client, client.post(f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/dong-som",
                               data={"confirm": "y"}))
    frozen.move(minutes=1)
    follow(client, client.post(f"/quan-tri/dot-thi/{round_.id}/tinh-ket-qua"))
    results = client.get(f"/quan-tri/dot-thi/{round_.id}/ket-qua").get_data(as_text=True)
    winners = [int(user_id) for user_id in re.findall(
        rf'/quan-tri/dot-thi/{round_.id}/xac-minh/(\d+)"', results)]
    assert len(winners) == 4
    for user_id in winners:
        follow(client, client.post(f"/quan-tri/dot-thi/{round_.id}/xac-minh/{user_id}"))
    follow(client, client.post(f"/quan-tri/dot-thi/{round_.id}/cong-bo"))

    assert db.session.query(Award).count() == 4
    public = app.test_client().get(f"/dot-thi/{round_.id}/ket-qua").get_data(as_text=True)
    assert "Người dự thi 301" in public  # the faster of the two with full marks
    assert public.index("Người dự thi 301") < public.index("Người dự thi 300")
    actions = {action for (action,) in db.session.query(AuditLog.action)}
    assert {"account.create_admin", "contest.create", "unit.import", "bank.load", "round.create",
            "round.schedule", "round.close_early", "results.compute", "prizes.verified",
            "results.publish"} <= actions
