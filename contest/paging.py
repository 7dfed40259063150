"""The page of a list asked for in the query string (``?trang=``, ``?page=``)."""
from dataclasses import dataclass

from flask import request

from contest.parsing import whole_number

# Far beyond any list's last page, small enough for every database's OFFSET.
MAX_PAGE = 1_000_000


def page_arg(name: str = "trang") -> int:
    """The page number ``?name=`` asks for: 1 when absent, not a whole number in
    ASCII digits, or below 1; at most ``MAX_PAGE`` (a page past the end is empty)."""
    text = request.args.get(name, "").strip()
    return whole_number(text, MAX_PAGE, minimum=1, clamp=True) or 1


@dataclass(frozen=True)
class Page:
    rows: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def paged(items: list, page: int, per_page: int) -> Page:
    """A page of an in-memory list, in the shape of a ranking page."""
    offset = (page - 1) * per_page
    return Page(items[offset:offset + per_page], len(items), page, per_page)
