"""The organizer reads topics by their titles ("Cơ chế một cửa"), never by their
keys (``mot_cua``)."""
from sqlalchemy import select

from contest.bank.models import Topic
from contest.extensions import db
from tests.conftest import login


def test_the_bank_lists_each_questions_topic_by_title(client, make_user, make_questions):
    make_questions(2, topic_key="mot_cua")
    db.session.scalar(select(Topic).where(Topic.key == "mot_cua")).title = "Cơ chế một cửa"
    db.session.commit()
    login(client, make_user(role="organizer"))
    html = client.get("/quan-tri/cau-hoi/").get_data(as_text=True)
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "<td>Cơ chế một cửa</td>" in rows and "mot_cua" not in rows
