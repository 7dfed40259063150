"""What the public and contestants see: drafts do not exist for them; the home
page shows the latest contest with a scheduled round; answers are reviewed when
the contest's setting says."""
from datetime import timedelta

import pytest

from contest import clock, formatting
from contest.contests.models import Contest, Round
from contest.contests.queries.contests import current_contest
from contest.extensions import db
from contest.quiz.errors import RoundNotOpen
from contest.quiz.services.attempts import start_attempt
from contest.quiz.models import Attempt
from tests.contests.helpers import messages
from tests.keys.helpers import past_grace, submitted


@pytest.fixture
def bank(make_questions):
    return make_questions(10)


def test_a_draft_round_is_not_shown_and_not_found(client, player, frozen, bank, make_round):
    public = make_round()
    public.name = "Tuần 1"
    draft = make_round(opens_in=timedelta(hours=-1), closes_in=timedelta(days=1), scheduled=False)
    draft.name = "Tuần bí mật"
    db.session.commit()
    for viewer in (client, player):
        home = messages(viewer.get("/"))
        assert "Tuần 1" in home and "Tuần bí mật" not in home
        assert f"/dot-thi/{draft.id}/bat-dau" not in home
        for page in (f"/dot-thi/{draft.id}/ket-qua", f"/dot-thi/{draft.id}/xep-hang",
                     f"/xep-hang-don-vi?dot={draft.id}"):
            assert viewer.get(page).status_code == 404, page
        units = messages(viewer.get("/xep-hang-don-vi"))
        assert "Tuần 1" in units and "Tuần bí mật" not in units
    response = player.post(f"/dot-thi/{draft.id}/bat-dau")
    assert response.status_code == 404
    assert db.session.query(Attempt).count() == 0


def test_the_service_refuses_to_start_a_draft(frozen, bank, make_round, make_user):
    draft = make_round(scheduled=False)
    with pytest.raises(RoundNotOpen, match="chưa được Ban Tổ chức công bố"):
        start_attempt(make_user(), draft)
    assert db.session.query(Attempt).count() == 0


def test_home_shows_the_latest_contest_with_a_scheduled_round(client, frozen, bank, make_round):
    older = make_round().contest
    newer = Contest(slug="moi", name="Cuộc thi năm sau", organizer_name="UBND tỉnh", rules="",
                    created_at=clock.now() + timedelta(seconds=1))
    db.session.add(newer)
    db.session.commit()
    assert current_contest().id == older.id  # the newer one has no round yet
    db.session.add(Round(contest_id=newer.id, number=1, name="Đợt nháp", opens_at=clock.now(),
                         closes_at=clock.now() + timedelta(days=1)))
    db.session.commit()
    assert current_contest().id == older.id  # ... only a draft
    page = messages(client.get("/"))
    assert "Cuộc thi thử" in page and "Cuộc thi năm sau" not in page
    db.session.query(Round).filter_by(contest_id=newer.id).update({"scheduled_at": clock.now()})
    db.session.commit()
    assert current_contest().id == newer.id


def test_home_is_empty_while_every_round_is_a_draft(client, frozen, bank, make_round):
    make_round(scheduled=False)
    assert current_contest() is None
    assert "Cuộc thi chưa mở" in messages(client.get("/"))


def test_review_after_each_round(player, frozen, bank, make_round, make_questions):
    make_questions(10, topic_key="khac")
    first = make_round(closes_in=timedelta(hours=1))
    second = make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=2))
    first.topics, second.topics = "demo", "khac"  # the next round draws other questions
    first.contest.review_after = "round"
    db.session.commit()
    attempt = submitted(player, first)
    result = f"/bai-thi/{attempt.public_id}/ket-qua"
    page = messages(player.get(result))
    assert "Đáp án và giải thích được công bố sau khi đợt thử kết thúc" in page
    explanation = attempt.items[0].question.explanation
    assert explanation not in page
    frozen.move(hours=1)  # closed, but another attempt may still save during the grace
    assert explanation not in messages(player.get(result))
    clock.freeze(past_grace(first.closes_at))
    page = messages(player.get(result))
    assert "<h2 class=\"h5\">Đáp án và giải thích</h2>" in page and explanation in page


def test_review_only_after_the_whole_contest(player, frozen, bank, make_round):
    first = make_round(closes_in=timedelta(hours=1))
    second = make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=2), scheduled=False)
    assert first.contest.review_after == "contest"
    attempt = submitted(player, first)
    result = f"/bai-thi/{attempt.public_id}/ket-qua"
    frozen.move(hours=2)  # the first round has closed, the second (a draft) has not
    page = messages(player.get(result))
    explanation = attempt.items[0].question.explanation
    assert "<h2 class=\"h5\">Đáp án và giải thích</h2>" not in page and explanation not in page
    assert "sau khi toàn bộ cuộc thi kết thúc" in page
    assert formatting.format_local(second.closes_at) in page
    clock.freeze(past_grace(second.closes_at))
    assert explanation not in messages(player.get(result)), "a draft may still be scheduled"
    second.scheduled_at = clock.now() - timedelta(days=2)  # it was scheduled and has settled
    db.session.commit()
    page = messages(player.get(result))
    assert "<h2 class=\"h5\">Đáp án và giải thích</h2>" in page and explanation in page
