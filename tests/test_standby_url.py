"""DATABASE_URL naming a primary and its standby in libpq's form (docs/deploy.md):
read the way SQLAlchemy and psycopg take several hosts, so the app connects to
whichever host takes writes. The drill itself is tests/test_standby_failover.py."""
from sqlalchemy import create_engine

from contest.config import normalize_database_url

LIBPQ = "postgresql://contest:p%40ss@db1:5432,db2:5433/contest?target_session_attrs=read-write"


def test_libpq_hosts_become_sqlalchemy_host_parameters():
    assert normalize_database_url(LIBPQ) == (
        "postgresql+psycopg://contest:p%40ss@/contest"
        "?host=db1:5432&host=db2:5433&target_session_attrs=read-write")


def test_psycopg_is_given_both_hosts_and_the_read_write_target():
    engine = create_engine(normalize_database_url(LIBPQ))
    _, params = engine.dialect.create_connect_args(engine.url)
    assert (params["host"], params["port"]) == ("db1,db2", "5432,5433")
    assert params["target_session_attrs"] == "read-write" and params["password"] == "p@ss"


def test_one_host_and_other_databases_are_left_as_they_are():
    assert normalize_database_url("postgres://u:p@db1:5432/contest") == (
        "postgresql+psycopg://u:p@db1:5432/contest")
    assert normalize_database_url("sqlite:///x,y.db") == "sqlite:///x,y.db"
    assert normalize_database_url("postgresql://u:p@db1,db2/contest") == (
        "postgresql+psycopg://u:p@/contest?host=db1&host=db2")
