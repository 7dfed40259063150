"""The winner check page: flags an organizer reads before verifying."""
from datetime import timedelta

from contest import clock
from contest.masking import masked_phone
from tests.conftest import login
from tests.rankings.helpers import take_attempt


def test_fast_same_ip_look_alike_and_identical_answers_are_flagged(client, frozen, make_questions,
                                                                   make_round, make_user):
    make_questions(5)  # every attempt gets the same five questions
    round_ = make_round(questions=5, closes_in=timedelta(days=1))
    winner, twin, stranger = make_user(), make_user(), make_user()
    twin.full_name, twin.date_of_birth = winner.full_name, winner.date_of_birth
    take_attempt(winner, round_, correct=5, seconds=6, prediction=2, ip="10.1.2.3")
    take_attempt(twin, round_, correct=5, seconds=30, prediction=2, ip="10.1.2.3",
                 at=frozen.at + timedelta(minutes=20))
    take_attempt(stranger, round_, correct=3, seconds=300, prediction=2, ip="10.9.9.9",
                 at=frozen.at + timedelta(minutes=30))
    clock.freeze(frozen.at + timedelta(hours=1))
    login(client, make_user(role="organizer"))
    html = client.get(f"/quan-tri/dot-thi/{round_.id}/kiem-tra/{winner.id}").get_data(as_text=True)
    assert "Làm bài quá nhanh" in html
    # same IP, same name and birth date, same answers; phones masked (privacy)
    assert html.count(masked_phone(twin.phone)) == 3 and twin.phone not in html
    assert masked_phone(stranger.phone) not in html
    assert client.get(f"/quan-tri/dot-thi/{round_.id}/kiem-tra/999999").status_code == 404
