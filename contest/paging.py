"""The page of a list asked for in the query string (``?trang=``, ``?page=``)."""
from flask import request

from contest.parsing import whole_number

# Far beyond any list's last page, small enough for every database's OFFSET.
MAX_PAGE = 1_000_000


def page_arg(name: str = "trang") -> int:
    """The page number ``?name=`` asks for: 1 when absent, not a whole number in
    ASCII digits, or below 1; at most ``MAX_PAGE`` (a page past the end is empty)."""
    text = request.args.get(name, "").strip()
    return whole_number(text, MAX_PAGE, minimum=1, clamp=True) or 1
