from contest.extensions import db
from contest.quiz.models import Attempt


def start(client, round_):
    """Start (or resume) an attempt through the web; returns the Attempt row."""
    response = client.post(f"/dot-thi/{round_.id}/bat-dau")
    assert response.status_code == 302, response.get_data(as_text=True)
    public_id = response.headers["Location"].rstrip("/").split("/")[-1]
    db.session.expire_all()
    return db.session.query(Attempt).filter_by(public_id=public_id).one()


def save(client, attempt, position, choice):
    return client.post(f"/api/bai-thi/{attempt.public_id}/tra-loi",
                       json={"position": position, "choice": choice})


def correct_choice(attempt, position) -> int:
    """The display index of the correct option (what a perfect contestant clicks)."""
    item = next(i for i in attempt.items if i.position == position)
    return next(index for index, option in enumerate(item.shown_options()) if option.is_correct)


def wrong_choice(attempt, position) -> int:
    return (correct_choice(attempt, position) + 1) % 4


def reload(attempt):
    db.session.expire_all()
    return db.session.get(Attempt, attempt.id)


def answer_all(client, attempt) -> None:
    """Save the correct option of every question (a full-mark attempt)."""
    for item in attempt.items:
        response = save(client, attempt, item.position, correct_choice(attempt, item.position))
        assert response.status_code == 200


def submit(client, attempt, **data):
    """Press "Nộp bài" with these form fields (``prediction="50"``, ``q2="1"``)."""
    return client.post(f"/bai-thi/{attempt.public_id}/nop", data=data)
