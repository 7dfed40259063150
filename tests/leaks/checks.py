"""The key hunt's judgement of what the observers read (``tests.leaks.oracle``
says what must be hidden): no page shows a hidden key, an attempt's result page
shows its keys exactly when its review is open, practice neither offers nor
checks a hidden question."""
import re
from datetime import timedelta

from flask import current_app

from contest.bank.models import Question
from contest.extensions import db
from tests.conftest import login
from tests.leaks.crawl import Page
from tests.leaks.oracle import KeyOracle, explanations_shown, key_oracle, keys_shown
from tests.leaks.world import World, stem_marker

PRACTICE = "/luyen-tap"
RESULT_PAGE = re.compile(r"/bai-thi/([^/?]+)/ket-qua$")


def grace() -> timedelta:
    return timedelta(seconds=current_app.config["ANSWER_GRACE_SECONDS"])


def key_problems(world: World, pages: dict[str, dict[str, Page]]) -> list[str]:
    """Every key a page shows that it must not, and every open review that shows none."""
    oracle = key_oracle(world.at, grace())
    problems = []
    for observer, read in pages.items():
        for url, page in read.items():
            where = f"{observer} {url}"
            problems += [f"{where}: {leak} (câu bị giữ đáp án)"
                         for leak in keys_shown(page.text, oracle.hidden)]
            if url.startswith(PRACTICE):
                offered = [code for code in sorted(oracle.hidden) if stem_marker(code) in page.text]
                problems += [f"{where}: luyện tập đưa ra câu {code} còn bị giữ đáp án"
                             for code in offered]
            problems += _review_problems(where, url, page, oracle)
    return problems


def _review_problems(where: str, url: str, page: Page, oracle: KeyOracle) -> list[str]:
    """On an attempt's result page: all of its keys or none, as the oracle says."""
    found = RESULT_PAGE.match(url)
    public_id = found.group(1) if found else None
    if public_id not in oracle.review_open or page.status != 200:
        return []
    codes = oracle.attempt_codes[public_id]
    if not oracle.review_open[public_id]:  # keys hidden everywhere are reported already
        return [f"{where}: {leak} (lượt thi chưa được xem đáp án)"
                for leak in keys_shown(page.text, set(codes) - oracle.hidden)]
    missing = ", ".join(sorted(set(codes) - explanations_shown(page.text, codes)))
    return [f"{where}: thiếu giải thích của {missing} dù đã đến lúc công bố"] if missing else []


def practice_problems(app, world: World) -> list[str]:
    """Asking practice to check a hidden question (by id, as a hostile page would):
    refused, and no explanation in the answer."""
    oracle = key_oracle(world.at, grace())
    client = app.test_client()
    login(client, world.user("O"))
    problems = []
    for question in db.session.query(Question).filter(Question.code.in_(oracle.hidden)):
        response = client.post("/api/luyen-tap/kiem-tra",
                               json={"question_id": question.id, "choice": 0})
        shown = keys_shown(response.get_data(as_text=True), [question.code])
        if response.status_code == 200 or shown:
            problems.append(f"O POST /api/luyen-tap/kiem-tra câu {question.code}: "
                            f"{response.status_code}, chấm câu còn bị giữ đáp án")
    return problems
