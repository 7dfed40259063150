"""Absolute links (e-mails, QR codes, shared pages) on ``PUBLIC_URL``, never on the
request's Host header.

A Host header is whatever the client sends: a forgotten-password request with
``Host: attacker.example`` must not mail a reset link pointing there. So every
absolute address is built on the configured ``PUBLIC_URL`` (production refuses to
start without it, see ``contest.security``), with or without a request: the
reset mail is written in a background thread, outside any request.
"""
from urllib.parse import urlsplit

from flask import current_app

MISSING_PUBLIC_URL = (
    "Chưa đặt PUBLIC_URL: ứng dụng không phục vụ khi thiếu địa chỉ công khai của trang (ví dụ "
    "https://thi.cchc.gialai.gov.vn), dùng cho đường dẫn trong email, mã QR và trang chia sẻ. "
    "Hãy đặt biến môi trường PUBLIC_URL (chế độ demo CONTEST_DEMO=1 tự dùng "
    "http://127.0.0.1:<PORT>)."
)


def absolute_url(endpoint: str, **values) -> str:
    """The address of ``endpoint`` as people outside reach it: ``PUBLIC_URL`` and the
    path ``url_for`` would give (its URL defaults applied, e.g. hashed static names)."""
    app = current_app
    base = urlsplit(public_base())
    app.inject_url_defaults(endpoint, values)
    adapter = app.url_map.bind(base.netloc, script_name=base.path or "/",
                               url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def public_base() -> str:
    """``PUBLIC_URL``; there is no fallback on the request (a forged Host header)."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        raise RuntimeError(MISSING_PUBLIC_URL)
    return base
