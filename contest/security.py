"""HTTP security headers (no inline script anywhere: the CSP forbids it) and the
secret key rule."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if response.mimetype == "application/json" or response.status_code >= 300:
        headers.setdefault("Cache-Control", "no-store")
    return response


MISSING_SECRET_KEY = (
    "Chưa đặt SECRET_KEY: ứng dụng không phục vụ khi thiếu khóa bí mật. Hãy đặt biến môi "
    "trường SECRET_KEY (hoặc CONTEST_DEMO=1 để chạy demo trên máy: khóa được tạo và giữ trong "
    "instance/secret_key)."
)


def require_secret_key(app, for_cli: bool) -> None:
    """Serving refuses to start without ``SECRET_KEY``. The command line starts
    without one (its commands sign nothing: ``db upgrade``, ``bank check``…), but
    an app built for it then refuses every request, so ``flask run`` cannot serve."""
    if app.config.get("SECRET_KEY"):
        return
    if not for_cli:
        raise RuntimeError(MISSING_SECRET_KEY)
    app.before_request(_refuse_without_secret_key)


def _refuse_without_secret_key():
    raise RuntimeError(MISSING_SECRET_KEY)
