"""What every request is checked for before a view sees it: URL ids the database
can hold, JSON that can be parsed without exhausting the stack, and text without
NUL bytes or lone surrogates (PostgreSQL refuses both, SQLite would store them).
Each refusal is a 4xx with a Vietnamese message; nothing is read or written."""
from flask import Flask, request
from flask.json.provider import DefaultJSONProvider

from contest.errors import DomainError
from contest.ids import IdConverter


class UnreadableText(DomainError):
    message = "Dữ liệu gửi lên chứa ký tự không hợp lệ. Vui lòng kiểm tra lại."


class SafeJSONProvider(DefaultJSONProvider):
    """JSON nested too deeply to parse (100,000 ``[``) is invalid JSON: a ValueError,
    which ``request.get_json`` turns into None (silent) or a 400."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error


def is_readable(text: str) -> bool:
    """No NUL byte and no lone surrogate (which no database can store as UTF-8)."""
    if "\x00" in text:
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_strings(value):
    """Every key and string of a parsed JSON document (iterative: no recursion limit)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _sent_text():
    """The text of the request: path values, query string, form fields, JSON strings."""
    yield from (value for value in (request.view_args or {}).values() if isinstance(value, str))
    for values in (request.args, request.form):
        for key, value in values.items(multi=True):
            yield key
            yield value
    if request.is_json:
        yield from _json_strings(request.get_json(silent=True))


def refuse_unreadable_text():
    if not all(is_readable(text) for text in _sent_text()):
        raise UnreadableText()


def register(app: Flask) -> None:
    """Before the blueprints are registered: their ``<int:…>`` rules use ``IdConverter``."""
    app.json = SafeJSONProvider(app)
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_unreadable_text)
