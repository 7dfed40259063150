"""``get_or_404``: a missing row and a row outside the caller's scope answer the
same Vietnamese 404, so an id from the browser cannot tell them apart."""
from datetime import timedelta

import pytest

from contest.contests.models import Round
from contest.errors import NotFound
from contest.lookups import found_or_404, get_or_404

MESSAGE = "Không tìm thấy đợt thi."


def test_a_missing_and_an_out_of_scope_row_are_the_same_404(frozen, make_round):
    draft = make_round(opens_in=timedelta(days=1), scheduled=False)
    assert get_or_404(Round, draft.id, MESSAGE) is draft
    for ident, scope in ((draft.id, {"is_draft": False}), (draft.id + 1000, {})):
        with pytest.raises(NotFound) as refused:
            get_or_404(Round, ident, MESSAGE, **scope)
        assert (refused.value.status_code, refused.value.message) == (404, MESSAGE)


def test_a_draft_round_reads_as_a_missing_one_on_public_pages(client, frozen, make_round):
    draft = make_round(opens_in=timedelta(days=1), scheduled=False)
    pages = [client.get(f"/dot-thi/{ident}/ket-qua") for ident in (draft.id, draft.id + 1000)]
    assert [page.status_code for page in pages] == [404, 404]
    assert pages[0].get_data() == pages[1].get_data()
    assert MESSAGE in pages[0].get_data(as_text=True)


def test_found_or_404_checks_the_scope_of_a_row_found_otherwise(frozen, make_round):
    round_ = make_round()
    assert found_or_404(round_, MESSAGE, contest_id=round_.contest_id) is round_
    with pytest.raises(NotFound):
        found_or_404(round_, MESSAGE, contest_id=round_.contest_id + 1)
    with pytest.raises(NotFound):
        found_or_404(None, MESSAGE)
