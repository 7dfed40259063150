"""Configuration read from the environment.

One ``Config`` for every deployment and one ``TestConfig`` for the test suite.
Production refuses to start without ``SECRET_KEY`` or ``PUBLIC_URL``; the demo mode
used by ``scripts/run`` (``CONTEST_DEMO=1``) generates a key and keeps it under
``instance/``, and serves on http://127.0.0.1:<PORT>.
"""
import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


def _demo_secret_key() -> str:
    INSTANCE_DIR.mkdir(exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _secret_key() -> str | None:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if os.environ.get("CONTEST_DEMO") == "1":
        return _demo_secret_key()
    return None


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        INSTANCE_DIR.mkdir(exist_ok=True)
        return f"sqlite:///{INSTANCE_DIR / 'contest.db'}"
    return normalize_database_url(url)


def _public_url() -> str:
    """``PUBLIC_URL`` without a trailing slash; a bare host name is taken as https.
    Unset in the demo mode (``scripts/run``): the local address it serves on,
    http://127.0.0.1:<PORT>. Unset otherwise: empty, and serving refuses to start."""
    url = os.environ.get("PUBLIC_URL", "").strip().rstrip("/")
    if not url and os.environ.get("CONTEST_DEMO") == "1":
        return f"http://127.0.0.1:{os.environ.get('PORT') or '5000'}"
    if url and not url.startswith(("http://", "https://")):
        url = "https://" + url
    return url


def _mail_backend() -> str:
    """How e-mail (the password reset link) goes out: ``MAIL_BACKEND`` when set;
    SMTP when ``MAIL_SERVER`` is set; printed on the console in the demo mode
    (``scripts/run``); otherwise "dummy": nothing is sent and the forgotten-password
    page tells people to ask their unit manager or the organizer."""
    if os.environ.get("MAIL_BACKEND"):
        return os.environ["MAIL_BACKEND"]
    if os.environ.get("MAIL_SERVER"):
        return "smtp"
    return "console" if os.environ.get("CONTEST_DEMO") == "1" else "dummy"


def normalize_database_url(url: str) -> str:
    """postgres:// and postgresql:// URLs use the psycopg 3 driver; libpq's list of
    hosts is written the way SQLAlchemy reads it."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return _hosts_as_query(url) if url.startswith("postgresql+psycopg://") else url


def _hosts_as_query(url: str) -> str:
    """``…@h1:5432,h2:5433/db?target_session_attrs=read-write`` (libpq's form, which
    SQLAlchemy cannot parse) as ``…@/db?host=h1:5432&host=h2:5433&target_session_attrs=…``:
    psycopg tries the hosts in turn and keeps the first that takes writes (the primary,
    also after a standby's promotion; docs/deploy.md)."""
    scheme, _, rest = url.partition("://")
    netloc, _, tail = rest.partition("/")
    credentials, at, hosts = netloc.rpartition("@")
    if "," not in hosts:
        return url
    database, _, query = tail.partition("?")
    listed = "&".join(f"host={host}" for host in hosts.split(","))
    return f"{scheme}://{credentials}{at}/{database}?{listed}{'&' + query if query else ''}"


def _replica_url() -> str | None:
    """A streaming replica for rankings and exports (``contest/replica.py``)."""
    url = os.environ.get("DATABASE_REPLICA_URL")
    return normalize_database_url(url) if url else None


class Config:
    SECRET_KEY = _secret_key()
    SQLALCHEMY_DATABASE_URI = _database_url()
    DATABASE_REPLICA_URL = _replica_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Served over HTTPS: SESSION_COOKIE_SECURE=1 marks both login cookies Secure.
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE") == "1"
    # A session ends this long after its last request (each request renews it, so an
    # attempt is never cut); "remember me" keeps a person logged in for 30 days.
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # a quiz can stay open for a long time
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    # Proof of work asked of an address with many failed logins (accounts/services/login_challenge.py).
    LOGIN_CHALLENGE_BITS = int(os.environ.get("LOGIN_CHALLENGE_BITS", "16"))
    # Result pages: figures cached this long (Redis when REDIS_URL is set, so every
    # app node shares them; in-process otherwise).
    CACHE_TYPE = "RedisCache" if os.environ.get("REDIS_URL") else "SimpleCache"
    CACHE_REDIS_URL = os.environ.get("REDIS_URL")
    CACHE_KEY_PREFIX = "cchc:"
    RESULTS_CACHE_SECONDS = int(os.environ.get("RESULTS_CACHE_SECONDS", "30"))
    # Background tasks (exports, e-mail, contest/jobs.py): "rq" puts them on the Redis queue
    # a worker process runs (`flask jobs worker`); "thread" runs them in the web process.
    REDIS_URL = os.environ.get("REDIS_URL")
    JOBS_BACKEND = os.environ.get("JOBS_BACKEND") or ("rq" if REDIS_URL else "thread")
    # A finished export is kept in the database ("database": any app node hands it out) or
    # in EXPORT_DIR ("directory": one node, the demo); EXPORT_DIR is the work area of both.
    EXPORT_STORAGE = os.environ.get("EXPORT_STORAGE") or (
        "database" if JOBS_BACKEND == "rq" else "directory")
    EXPORT_DIR = os.environ.get("EXPORT_DIR", str(INSTANCE_DIR / "exports"))
    # Built full exports hold personal data: each file is deleted this many hours after it
    # was built (`flask exports purge` from cron, and whenever exports are opened or asked for).
    EXPORT_RETENTION_HOURS = int(os.environ.get("EXPORT_RETENTION_HOURS", "72"))
    # Full exports run as background tasks (JOBS_BACKEND); tests run them inline.
    EXPORTS_RUN_INLINE = False
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    SEND_FILE_MAX_AGE_DEFAULT = 3600  # CSS/JS cached an hour: light repeat visits on phones
    # Static files under hashed names with their .br/.gz (contest/assets/static_files.py);
    # default instance/static-build. Those are cached for good, the hour above is for the rest.
    STATIC_BUILD_DIR = os.environ.get("STATIC_BUILD_DIR")
    # Reverse proxies in front of the app (nginx: 1). Their X-Forwarded-For and
    # X-Forwarded-Proto are trusted for that many hops, so per-IP limits, the audit and
    # the winner checks see the person's address; 0 (direct) trusts none of them.
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
    # The site's address as people reach it ("https://thi.cchc.gialai.gov.vn"): every
    # absolute link (e-mails, the certificate's QR code, the QR poster, shared pages) is
    # built on it (contest/links.py), never on the request's Host header. Required to
    # serve (like SECRET_KEY); the demo mode derives it from PORT.
    PUBLIC_URL = _public_url()
    # E-mail through SMTP (Flask-Mailman): the password reset link. STARTTLS on port 587
    # by default; MAIL_USE_SSL=1 for SMTPS (port 465). Without MAIL_SERVER: _mail_backend.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_USE_SSL = os.environ.get("MAIL_USE_SSL") == "1"
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "0" if MAIL_USE_SSL else "1") == "1"
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "465" if MAIL_USE_SSL else "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER") or "no-reply@localhost"
    MAIL_TIMEOUT = int(os.environ.get("MAIL_TIMEOUT", "10"))
    MAIL_BACKEND = _mail_backend()
    # Mail is sent by a background task (JOBS_BACKEND: the answer takes as long whether or
    # not an account was found); tests send it inline.
    MAIL_SEND_INLINE = False
    # Seconds after the deadline during which a save or submit is still accepted
    # (network latency of a phone on a slow mobile network).
    ANSWER_GRACE_SECONDS = int(os.environ.get("ANSWER_GRACE_SECONDS", "3"))
    # An attempt submitted in less than this many seconds a question on average is
    # flagged for the organizer (kept and ranked; see contest/quiz/rules/plausibility.py).
    MIN_SECONDS_PER_QUESTION = float(os.environ.get("MIN_SECONDS_PER_QUESTION", "1.5"))
    QUESTION_BANK_DIR = os.environ.get(
        "QUESTION_BANK_DIR", str(Path(__file__).resolve().parent.parent / "question_bank")
    )
    # Personal data (contest/privacy): CCCD numbers are kept only as an HMAC-SHA256 keyed
    # with CCCD_HASH_KEY (unset: a key derived from SECRET_KEY; changing either makes the
    # stored hashes useless for the uniqueness check), and a closed contest's personal
    # data may be anonymised this many days after its close (`flask privacy anonymise`).
    CCCD_HASH_KEY = os.environ.get("CCCD_HASH_KEY") or None
    PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", "365"))
    # /metrics (Prometheus, contest/monitoring/exporter.py): served with "Authorization:
    # Bearer <METRICS_TOKEN>" when set, and to requests made on this machine straight to
    # the app (loopback, through no proxy) unless METRICS_ALLOW_LOCALHOST=0; else 404.
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN") or None
    METRICS_ALLOW_LOCALHOST = os.environ.get("METRICS_ALLOW_LOCALHOST", "1") == "1"


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    WTF_CSRF_ENABLED = True
    CACHE_TYPE = "NullCache"
    EXPORTS_RUN_INLINE = True
    JOBS_BACKEND = "thread"
    EXPORT_STORAGE = "directory"
    EXPORT_DIR = str(Path(tempfile.gettempdir()) / "cchc-test-exports")
    MAIL_BACKEND = "locmem"  # sent mail kept in app.extensions["mailman"].outbox
    PUBLIC_URL = "https://thi-cchc.example.gov.vn"  # not the test client's localhost
    MAIL_SEND_INLINE = True
    METRICS_ALLOW_LOCALHOST = False  # the test client comes from 127.0.0.1
