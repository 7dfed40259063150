"""Whole numbers typed in a URL (ids, page numbers): ASCII digits only and bounded,
so that neither Python's ``int`` (which takes "²" and refuses 5,000 digits) nor the
database's integer columns ever see a number they refuse."""
from werkzeug.routing import IntegerConverter, ValidationError

MAX_ID = 2**31 - 1  # PostgreSQL's integer: every id column
MAX_ID_DIGITS = len(str(MAX_ID))


def whole_number(text, maximum: int) -> int | None:
    """``text`` as a whole number from 0 to ``maximum``; None for anything else
    (a sign, a space, a non-ASCII digit, more digits than ``maximum`` has)."""
    if not isinstance(text, str) or not (text.isascii() and text.isdigit()):
        return None
    if len(text.lstrip("0")) > len(str(maximum)):
        return None
    number = int(text)
    return number if number <= maximum else None


def id_arg(text: str) -> int:
    """An id in a query string: ``request.args.get(name, type=id_arg)`` gives the
    default for anything that cannot be an id (werkzeug catches the ValueError)."""
    number = whole_number(text, MAX_ID)
    if number is None:
        raise ValueError("not an id")
    return number


class IdConverter(IntegerConverter):
    """The app's ``<int:…>``: ids from 0 to ``MAX_ID`` in ASCII digits; any other
    number matches no route (404), before a query could ask the database for it."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> int:
        digits = value[1:] if value.startswith("-") else value
        if not digits.isascii() or len(digits.lstrip("0")) > MAX_ID_DIGITS:
            raise ValidationError()
        return super().to_python(value)
