"""One unit of work per request, command and task (contest/transactions.py).

These tests commit for real (``commits``): what they check is what reaches the
database, read back on a fresh session."""
import ast
from pathlib import Path

import pytest
from flask import abort
from sqlalchemy import func, select

from contest.errors import Conflict
from contest.extensions import db
from contest.transactions import after_commit, refused_as, savepoint, unit_of_work
from contest.units.models import Unit

pytestmark = pytest.mark.commits
CONTEST = Path(__file__).resolve().parents[1] / "contest"


def unit(code: str) -> Unit:
    return Unit(code=code, name=f"Xã {code}", name_folded=f"xa {code}", kind="commune",
                active=True)


def codes_in_database() -> set[str]:
    db.session.remove()
    return set(db.session.scalars(select(Unit.code)))


def add_view(app, name: str, view) -> None:
    app.add_url_rule(f"/_uow/{name}", name, view)


def test_a_view_that_returns_commits_and_one_that_raises_changes_nothing(app, client):
    def kept():
        db.session.add(unit("GIU"))
        return "", 204

    def refused():
        db.session.add(unit("BO"))
        db.session.flush()
        raise Conflict("Không lưu.")

    def missing():
        db.session.add(unit("MAT"))
        abort(404)

    for name, view in (("kept", kept), ("refused", refused), ("missing", missing)):
        add_view(app, name, view)

    assert client.get("/_uow/kept").status_code == 204
    assert client.get("/_uow/refused").status_code == 409
    assert client.get("/_uow/missing").status_code == 404
    assert codes_in_database() == {"GIU"}


def test_a_refused_block_undoes_only_itself(app):
    db.session.add(unit("TRUNG"))
    db.session.commit()
    with unit_of_work():
        db.session.add(unit("TRUOC"))
        with pytest.raises(Conflict):
            with refused_as(lambda _refused: Conflict("Mã đã có.")):
                db.session.add(unit("TRUNG"))  # the unique code
        db.session.add(unit("SAU"))
    assert codes_in_database() == {"TRUNG", "TRUOC", "SAU"}


def test_a_savepoint_never_commits_part_of_a_unit_that_fails(app):
    """pysqlite opens no transaction before the SAVEPOINT, whose RELEASE would
    then commit on its own: the unit of work begins one first."""
    db.session.remove()
    with pytest.raises(RuntimeError):
        with unit_of_work():
            with savepoint():
                db.session.add(unit("NUA"))
            db.session.add(unit("CON"))
            raise RuntimeError("hỏng giữa chừng")
    assert codes_in_database() == set()


def test_work_after_commit_runs_once_committed_and_never_after_a_rollback(app):
    ran = []
    with unit_of_work():
        db.session.add(unit("A"))
        after_commit(lambda: ran.append(db.session.scalar(select(func.count(Unit.id)))))
    with pytest.raises(RuntimeError):
        with unit_of_work():
            after_commit(lambda: ran.append("never"))
            raise RuntimeError
    with unit_of_work():
        pass
    assert ran == [1]


def test_a_command_is_one_unit_of_work(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["finish-overdue"])
    assert result.exit_code == 0, result.output
    from contest.cli import seed_demo_command
    assert getattr(seed_demo_command.callback, "in_unit_of_work", False)


def _ends_transactions(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("commit", "rollback")
            and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "session")


def test_only_the_unit_of_work_commits_or_rolls_back():
    """Services and views leave the end of the transaction to the unit of work."""
    found = [f"{path.relative_to(CONTEST)}:{node.lineno}"
             for path in sorted(CONTEST.rglob("*.py")) if path.name != "transactions.py"
             for node in ast.walk(ast.parse(path.read_text())) if _ends_transactions(node)]
    assert found == []
