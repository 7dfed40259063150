"""HTTP security headers (no inline script anywhere: the CSP forbids it) and the
settings serving needs (SECRET_KEY, PUBLIC_URL)."""
import sys
from typing import NoReturn

from flask import current_app, g, request, session

from contest.links import MISSING_PUBLIC_URL

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:  # over HTTPS, or behind PROXY_COUNT proxies that say so
        headers.setdefault("Strict-Transport-Security", HSTS)
    carries_form = _took_csrf_token()
    if "Cache-Control" not in headers and (carries_form or _is_private(response)):
        headers["Cache-Control"] = "no-store"
    return response


# No browser history, proxy or shared cache keeps a page with a form (its CSRF
# token), nor anything private, unless the route set its own Cache-Control:
# static files (WhiteNoise, or Flask's send_file), the public charts and the
# logo do, and stay cacheable.

def _took_csrf_token() -> bool:
    """Whether this request rendered a CSRF token (a form). Flask-WTF caches the
    token on ``g``; it is taken off, so a later request sharing the application
    context (the tests' client) does not look as if it carried one too."""
    return g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None) is not None


def _is_private(response) -> bool:
    """JSON, redirects and errors, and anything answered to a logged-in person
    (their pages, attempts, exports, certificates)."""
    return (response.mimetype == "application/json" or response.status_code >= 300
            or "_user_id" in session)


MISSING_SECRET_KEY = (
    "Chưa đặt SECRET_KEY: ứng dụng không phục vụ khi thiếu khóa bí mật. Hãy đặt biến môi "
    "trường SECRET_KEY (hoặc CONTEST_DEMO=1 để chạy demo trên máy: khóa được tạo và giữ trong "
    "instance/secret_key). [SECRET_KEY is not set: export SECRET_KEY=\"$(python -c "
    "'import secrets; print(secrets.token_hex(32))')\" before starting the server.]"
)


# Gunicorn stops, rather than starting workers again and again, when a process
# exits with its "application failed to load" code.
APP_LOAD_ERROR = 4


class MissingSetting(RuntimeError):
    """A setting serving cannot do without; ``wsgi.py`` prints it as one line."""


def exit_for_missing_setting(missing: str) -> NoReturn:
    """Stop the server with one line saying what to set: no traceback."""
    print(missing, file=sys.stderr)
    sys.exit(APP_LOAD_ERROR)


def require_settings(app, for_cli: bool) -> None:
    """Serving refuses to start without ``SECRET_KEY`` or ``PUBLIC_URL`` (the links
    in e-mails and QR codes would otherwise have no trustworthy host). The command
    line starts without them (its commands sign and link nothing: ``db upgrade``,
    ``bank check``…), but an app built for it then refuses every request, so
    ``flask run`` cannot serve."""
    missing = missing_setting(app.config)
    if missing is None:
        return
    if not for_cli:
        raise MissingSetting(missing)

    @app.before_request
    def _refuse_without_setting():
        raise MissingSetting(missing)


def missing_setting(config) -> str | None:
    """What serving lacks in ``config`` (a mapping of settings), or None."""
    if not config.get("SECRET_KEY"):
        return MISSING_SECRET_KEY
    if not config.get("PUBLIC_URL"):
        return MISSING_PUBLIC_URL
    return None
