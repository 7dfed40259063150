"""What starting the app needs: serving refuses to start without SECRET_KEY or
PUBLIC_URL (the demo derives the address from PORT), the commands that sign
nothing run without them, and starting never touches the schema
(``flask db upgrade`` is a deployment step). Gunicorn's settings come from the
environment."""
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from contest import create_app
from contest.config import TestConfig, _public_url
from contest.links import absolute_url

ROOT = Path(__file__).resolve().parent.parent
NO_SECRET = type("NoSecretConfig", (TestConfig,), {"SECRET_KEY": None})
NO_PUBLIC_URL = type("NoPublicUrlConfig", (TestConfig,), {"PUBLIC_URL": ""})


def run(args: list[str], tmp_path, **env) -> subprocess.CompletedProcess:
    """``args`` in the repository, without SECRET_KEY, PUBLIC_URL or the demo mode."""
    environ = {name: value for name, value in os.environ.items()
               if name not in ("SECRET_KEY", "PUBLIC_URL", "CONTEST_DEMO")}
    environ.update(DATABASE_URL=f"sqlite:///{tmp_path / 'contest.db'}", **env)
    return subprocess.run(args, cwd=ROOT, env=environ, capture_output=True, text=True,
                          timeout=120)


def flask(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "wsgi", *args]


def gunicorn_check() -> list[str]:
    return [sys.executable, "-m", "gunicorn", "--check-config", "-c", "gunicorn.conf.py",
            "wsgi:app"]


@pytest.mark.parametrize("command", [("bank", "check"), ("bank", "similar"), ("db", "upgrade")])
def test_commands_that_sign_nothing_run_without_a_secret(tmp_path, command):
    result = run(flask(*command), tmp_path)
    assert result.returncode == 0, result.stderr


def test_serving_refuses_to_start_without_a_secret(tmp_path):
    for args in ([sys.executable, "-c", "import wsgi"], gunicorn_check()):
        result = run(args, tmp_path)
        assert result.returncode != 0, args
        assert "Chưa đặt SECRET_KEY" in result.stderr, args
    served = run(gunicorn_check(), tmp_path, SECRET_KEY="khoa-bi-mat-thu",
                 PUBLIC_URL="https://thi.cchc.gialai.gov.vn")
    assert served.returncode == 0, served.stderr


def gunicorn_serve() -> list[str]:
    return [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]


@pytest.mark.parametrize("starter", ["import", "check", "serve"])
def test_a_missing_secret_is_one_line_saying_what_to_set(tmp_path, starter):
    """Not a traceback per worker: one line, in Vietnamese and in English, naming the
    variable, and the server stops (gunicorn halts instead of restarting workers)."""
    args = {"import": [sys.executable, "-c", "import wsgi"], "check": gunicorn_check(),
            "serve": gunicorn_serve()}[starter]
    result = run(args, tmp_path, GUNICORN_BIND=f"unix:{tmp_path / 'gunicorn.sock'}")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) < 5, result.stderr
    assert "Chưa đặt SECRET_KEY" in result.stderr and "export SECRET_KEY=" in result.stderr


def test_serving_refuses_to_start_without_a_public_url(tmp_path):
    for args in ([sys.executable, "-c", "import wsgi"], gunicorn_check()):
        result = run(args, tmp_path, SECRET_KEY="khoa-bi-mat-thu")
        assert result.returncode != 0, args
        assert "Chưa đặt PUBLIC_URL" in result.stderr, args


def test_no_link_falls_back_on_the_request_host(app):
    """Were PUBLIC_URL lost after starting, a link is refused, not built on a forged Host."""
    app.config["PUBLIC_URL"] = ""
    with app.test_request_context("/", headers={"Host": "attacker.example"}):
        with pytest.raises(RuntimeError, match="Chưa đặt PUBLIC_URL"):
            absolute_url("site.home")


def test_the_demo_serves_its_links_on_the_local_port(monkeypatch):
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    monkeypatch.setenv("CONTEST_DEMO", "1")
    monkeypatch.setenv("PORT", "8123")
    assert _public_url() == "http://127.0.0.1:8123"
    monkeypatch.delenv("PORT")
    assert _public_url() == "http://127.0.0.1:5000"
    monkeypatch.setenv("PUBLIC_URL", "https://thi.cchc.gialai.gov.vn")
    assert _public_url() == "https://thi.cchc.gialai.gov.vn"
    monkeypatch.delenv("PUBLIC_URL")
    monkeypatch.delenv("CONTEST_DEMO")
    assert _public_url() == ""


@pytest.mark.parametrize(("config", "missing"), [(NO_SECRET, "SECRET_KEY"),
                                                  (NO_PUBLIC_URL, "PUBLIC_URL")])
def test_an_app_built_for_the_command_line_without_a_setting_refuses_requests(config, missing):
    with pytest.raises(RuntimeError, match=f"Chưa đặt {missing}"):
        create_app(config)
    app = create_app(config, for_cli=True)
    with pytest.raises(RuntimeError, match=f"Chưa đặt {missing}"):
        app.test_client().get("/healthz")


def test_starting_creates_no_table(empty_database_url):
    app = create_app(type("EmptyConfig", (TestConfig,),
                          {"SQLALCHEMY_DATABASE_URI": empty_database_url}))
    assert app.test_client().get("/healthz").status_code == 200
    engine = create_engine(empty_database_url)
    assert inspect(engine).get_table_names() == []
    engine.dispose()


GUNICORN_VARIABLES = ("PORT", "GUNICORN_BIND", "GUNICORN_WORKERS", "WEB_CONCURRENCY",
                      "GUNICORN_THREADS", "GUNICORN_WORKER_CLASS", "GUNICORN_TIMEOUT")


def gunicorn_settings(monkeypatch, **env) -> dict:
    for name in GUNICORN_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_defaults_serve_on_the_local_port_with_threads(monkeypatch):
    settings = gunicorn_settings(monkeypatch)
    assert settings["bind"] == "127.0.0.1:5000"
    assert (settings["workers"], settings["threads"], settings["worker_class"]) == (
        2, 4, "gthread")
    assert settings["accesslog"] == settings["errorlog"] == "-"


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    assert gunicorn_settings(monkeypatch, PORT="8080")["bind"] == "127.0.0.1:8080"
    settings = gunicorn_settings(monkeypatch, PORT="8080", GUNICORN_BIND="0.0.0.0:9000",
                                 WEB_CONCURRENCY="5", GUNICORN_TIMEOUT="60")
    assert (settings["bind"], settings["workers"], settings["timeout"]) == (
        "0.0.0.0:9000", 5, 60)
    assert gunicorn_settings(monkeypatch, WEB_CONCURRENCY="5",
                             GUNICORN_WORKERS="3")["workers"] == 3
