"""Ids typed in a URL (a path piece, a query argument, a form field): read by the
one integer parser, ``contest.parsing.whole_number``, bounded by the database's
integer columns, so that neither Python's ``int`` (which refuses "²" and 5,000
digits) nor the database ever see a number they refuse."""
from werkzeug.routing import IntegerConverter, ValidationError

from contest.parsing import whole_number

MAX_ID = 2**31 - 1  # PostgreSQL's integer: every id column


def id_of(text) -> int | None:
    """``text`` as an id (``contest.parsing.whole_number`` up to ``MAX_ID``), else None."""
    return whole_number(text, MAX_ID)


def id_arg(text: str) -> int:
    """An id in a query string: ``request.args.get(name, type=id_arg)`` gives the
    default for anything that cannot be an id (werkzeug catches the ValueError)."""
    number = id_of(text)
    if number is None:
        raise ValueError("not an id")
    return number


class IdConverter(IntegerConverter):
    """The app's ``<int:…>``: ids from 0 to ``MAX_ID`` in ASCII digits; any other
    number matches no route (404), before a query could ask the database for it."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> int:
        number = id_of(value)
        if number is None:
            raise ValidationError()
        return number
