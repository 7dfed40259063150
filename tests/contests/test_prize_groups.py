"""Prize groups (bảng): an audience in at most one group; frozen once results are published."""
from sqlalchemy import select

from contest.clock import now
from contest.contests.models import Contest
from contest.extensions import db
from contest.contests.queries.prize_groups import groups_for
from contest.contests.models import PrizeGroup
from tests.contests.helpers import messages


def _group(name, *audiences, first="1", second="2", third="3", consolation="5"):
    return {"name": name, "audiences": list(audiences), "first": first, "second": second,
            "third": third, "consolation": consolation}


def _groups():
    db.session.expire_all()
    return list(db.session.scalars(select(PrizeGroup).order_by(PrizeGroup.position)))


def test_add_edit_and_remove_groups(console, contest, audit):
    url = f"/quan-tri/cuoc-thi/{contest.id}/bang-giai"
    assert console.post(f"{url}/moi", data=_group("Bảng A – CBCCVC", "cbccvc")).status_code == 302
    assert console.post(f"{url}/moi", data=_group("Bảng B – Người dân", "citizen", "student",
                                                  first="2")).status_code == 302
    a, b = _groups()
    assert (a.position, a.audience_keys, b.position, b.first_prizes) == (1, ("cbccvc",), 2, 2)
    assert [g.name for g in groups_for(contest)] == ["Bảng A – CBCCVC", "Bảng B – Người dân"]
    page = messages(console.get(f"/quan-tri/cuoc-thi/{contest.id}"))
    assert "Bảng A – CBCCVC" in page and "Chưa thuộc bảng nào" in page

    assert console.post(f"{url}/{b.id}", data=_group("Bảng B", "citizen", consolation="10")).status_code == 302
    assert (_groups()[1].name, _groups()[1].consolation_prizes, _groups()[1].audiences) == ("Bảng B", 10, "citizen")
    assert console.post(f"{url}/{a.id}/xoa").status_code == 302
    assert [g.name for g in _groups()] == ["Bảng B"]
    assert [len(audit(f"prize_group.{action}")) for action in ("create", "update", "delete")] == [2, 1, 1]
    [update] = audit("prize_group.update")
    assert update.details["before"]["consolation_prizes"] == 5
    assert update.details["after"]["consolation_prizes"] == 10


def test_an_audience_belongs_to_one_group_only(console, contest, audit):
    url = f"/quan-tri/cuoc-thi/{contest.id}/bang-giai"
    console.post(f"{url}/moi", data=_group("Bảng A", "cbccvc", "citizen"))
    response = console.post(f"{url}/moi", data=_group("Bảng B", "citizen"))
    assert response.status_code == 400
    assert "Người dân đã thuộc Bảng A" in messages(response)
    [a] = _groups()
    other = console.post(f"{url}/moi", data=_group("Bảng B", "student"))
    assert other.status_code == 302
    b = _groups()[1]
    response = console.post(f"{url}/{b.id}", data=_group("Bảng B", "student", "cbccvc"))
    assert response.status_code == 400
    assert _groups()[1].audiences == "student" and len(audit("prize_group.create")) == 2
    assert audit("prize_group.update") == []


def test_bad_counts_and_no_audience_are_refused(console, contest):
    url = f"/quan-tri/cuoc-thi/{contest.id}/bang-giai/moi"
    response = console.post(url, data=_group("Bảng A", first="-1"))
    page = messages(response)
    assert response.status_code == 400
    assert "Vui lòng chọn ít nhất một đối tượng." in page and "từ 0 đến 1000" in page
    assert console.post(url, data=_group("Bảng A", "aliens")).status_code == 400
    assert _groups() == []


def test_groups_are_frozen_once_results_are_published(console, contest, make_round, audit):
    url = f"/quan-tri/cuoc-thi/{contest.id}/bang-giai"
    console.post(f"{url}/moi", data=_group("Bảng A", "cbccvc"))
    [a] = _groups()
    round_ = make_round()
    round_.results_computed_at = round_.results_published_at = now()
    db.session.commit()
    for response in (console.post(f"{url}/moi", data=_group("Bảng B", "citizen")),
                     console.post(f"{url}/{a.id}", data=_group("Bảng đổi tên", "cbccvc")),
                     console.post(f"{url}/{a.id}/xoa")):
        assert response.status_code == 409
        assert "không thể thay đổi bảng giải" in messages(response)
    assert [(g.name, g.audiences) for g in _groups()] == [("Bảng A", "cbccvc")]
    assert audit("prize_group.update") == [] and audit("prize_group.delete") == []


def test_a_group_of_another_contest_is_404(console, contest):
    other = Contest(slug="khac", name="Khác", organizer_name="Khác", rules="")
    db.session.add(other)
    db.session.commit()
    group = PrizeGroup(contest_id=other.id, position=1, name="Bảng X", audiences="cbccvc")
    db.session.add(group)
    db.session.commit()
    url = f"/quan-tri/cuoc-thi/{contest.id}/bang-giai/{group.id}"
    assert console.get(url).status_code == 404
    assert console.post(f"{url}/xoa").status_code == 404
    assert len(_groups()) == 1
