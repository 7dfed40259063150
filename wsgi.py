"""WSGI entry point: `gunicorn -c gunicorn.conf.py wsgi:app`, `flask --app wsgi …`.

Served, the app refuses to start without SECRET_KEY or PUBLIC_URL; loaded by Flask's
command line it starts without them, for the commands that sign and link nothing
(`db upgrade`, `bank check`…), and refuses every request instead (see ``create_app``).
"""
from contest import create_app
from contest.cli import started_by_flask_cli
from contest.security import MissingSetting, exit_for_missing_setting

try:
    app = create_app(for_cli=started_by_flask_cli())
except MissingSetting as missing:  # one line saying what to set, not a traceback
    exit_for_missing_setting(str(missing))
