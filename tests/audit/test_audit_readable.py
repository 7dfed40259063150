"""Every value an organizer reads in the audit log is Vietnamese: for every action
the code can write, with the details it writes, the page and the export show no
bare key (``flagged_fast``), no code (``unit_manager``, ``perfect_scorers``), unit
codes with their names and accounts by the person's name."""
import ast
import re
from dataclasses import fields
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from contest.accounts.models import GENDERS, ROLE_LABELS
from contest.admin.queries.audit_labels import ACTION_LABELS, DETAIL_LABELS
from contest.admin.queries.audit_values import DECISIONS
from contest.admin.services.prize_groups import GroupSettings, _audit
from contest.admin.services.rounds import RoundSettings
from contest.admin.services.settings import ContestSettings
from contest.audiences import AUDIENCES
from contest.audit.models import AuditLog
from contest.bank.models import Topic
from contest.contests.models import PREDICTION_KINDS, PRIZES, REVIEW_AFTER
from contest.contests.rules.scopes import SCOPE_NAMES
from contest.extensions import db
from contest.reports.models import FORMATS
from contest.units.models import KIND_LABELS
from tests.conftest import login

CONTEST = Path(__file__).parents[2] / "contest"
AUDIT_CALLS = {"record", "audit", "_audited"}
NOT_DETAILS = {"actor", "target"}
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
CODES = {code for labels in (ROLE_LABELS, PREDICTION_KINDS, REVIEW_AFTER, KIND_LABELS, AUDIENCES,
                             GENDERS, FORMATS, DECISIONS, SCOPE_NAMES) for code in labels}
# The settings a create or an edit writes, ``contest.changes``: the names of their values.
SETTINGS = {
    "contest": [f.name for f in fields(ContestSettings)],
    "round": [f.name for f in fields(RoundSettings)],
    "prize_group": list(_audit(GroupSettings("Bảng A", ("cbccvc",), dict.fromkeys(PRIZES, 1)))),
}


def _action_names(node) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _action_names(node.body) + _action_names(node.orelse)
    if isinstance(node, ast.JoinedStr):  # f"prizes.{decision}": every labelled one
        head = node.values[0].value if isinstance(node.values[0], ast.Constant) else ""
        return [action for action in ACTION_LABELS if head and action.startswith(head)]
    return []


def recorded() -> dict[str, set[str]]:
    """Action -> the detail keys its calls name, from every audit call in the code."""
    actions: dict[str, set[str]] = {}
    for path in CONTEST.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in AUDIT_CALLS:
                continue
            keys = {kw.arg for kw in node.keywords if kw.arg} - NOT_DETAILS
            for action in _action_names(node.args[0]):
                if re.fullmatch(r"[a-z_]+\.[a-z_]+", action):
                    actions.setdefault(action, set()).update(keys)
    return actions


def test_the_scan_finds_the_audit_calls():
    found = recorded()
    assert len(found) > 40
    assert {"user_id", "flagged_fast", "reason"} <= found["prizes.verified"]
    assert "units" in found["account.bulk_create"]


def test_every_recorded_action_and_detail_key_has_a_label():
    found = recorded()
    assert sorted(set(found) - set(ACTION_LABELS)) == []
    keys = set().union(*found.values(), *SETTINGS.values())
    assert sorted(keys - set(DETAIL_LABELS) - {"before", "after"}) == []


def sample(key: str, unit_code: str, person_id: int, variant: int = 0):
    """A typical value of the detail ``key`` (``variant`` 1: another one, for an "after")."""
    values = {
        "role": ("contestant", "unit_manager"), "prediction_kind": ("perfect_scorers", "attempts"),
        "review_after": ("round", "contest"), "kind": ("commune", "agency"),
        "audience": ("citizen", "student"), "audiences": ("cbccvc,citizen", "student"),
        "gender": ("nu", "nam"), "format": ("xlsx", "csv"),
        "question_scopes": ("national,gia_lai", "national"), "province_code": ("gia_lai",) * 2,
        "topics": ("kh_gia_lai,mot_cua", "mot_cua"),
        "topic_mix": ({"kh_gia_lai": 5, "mot_cua": 5}, {"mot_cua": 10}),
        "difficulty_mix": ({"1": 4, "2": 4, "3": 2}, {"2": 10}),
        "unit": (unit_code,) * 2, "managed_unit": (unit_code, None),
        "units": ([unit_code],) * 2, "added_codes": ([unit_code],) * 2,
        "user_id": (person_id,) * 2, "left_out": (["email"],) * 2,
        "created_units": ([{"code": unit_code, "name": "Xã Ia Grai", "kind": "commune",
                            "headcount": 20}],) * 2,
        "updated_units": ([{"code": unit_code, "before": {"name": "Xã A", "kind": "commune"},
                            "after": {"name": "Xã B", "kind": "agency"}}],) * 2,
        "filters": ({"q": "Bích", "action": "unit.*", "from": "20/11/2026"},) * 2,
        "opens_at": ("2026-11-20T01:00:00+00:00", "2026-11-21T01:00:00+00:00"),
        "path": ("/srv/xuat/ket-qua-dot-1",) * 2, "before_type": ("image/png",) * 2,
        "after_type": ("image/webp",) * 2,
    }
    if key in values:
        return values[key][variant]
    if key.endswith(("_at", "_from", "_to")):
        return values["opens_at"][variant]
    if key.startswith(("with_", "allow_", "new_", "one_", "prizes_", "prediction_per")) or key in (
            "flagged_fast", "capped", "published", "shrunk", "active", "unit_created"):
        return bool(variant)
    return 3 + variant


def details_for(action: str, keys: set[str], unit_code: str, person_id: int) -> dict:
    """The details of ``action``; its before/after as the code writes them."""
    details = {key: sample(key, unit_code, person_id) for key in keys - {"before", "after"}}
    if action in ("round.close_early", "round.extend"):
        details.update(before=sample("closes_at", unit_code, person_id),
                       after=sample("closes_at", unit_code, person_id, 1))
    if action.startswith("unit.") and "after" in keys:
        details.update(before={"code": unit_code, "name": "Xã A", "kind": "commune", "active": True},
                       after={"code": unit_code, "name": "Xã B", "kind": "agency", "active": False})
    if action == "results.compute":
        details.update(before=3, actual=5)
    area = action.split(".", 1)[0]
    if area in SETTINGS and action.endswith((".update", ".create", ".delete")):
        names = SETTINGS[area]
        details["before"] = {name: sample(name, unit_code, person_id) for name in names}
        details["after"] = {name: sample(name, unit_code, person_id, 1) for name in names}
    if action.startswith("prizes."):
        details.update(before=None, after=action.split(".")[1])
    if action == "account.role":
        details.update(before="contestant", after="unit_manager",
                       changes={"managed_unit": {"before": None, "after": unit_code}})
    if action == "account.unit_manager":
        details.update(before={"role": "contestant", "unit": None, "managed_unit": None},
                       after={"role": "unit_manager", "unit": unit_code, "managed_unit": unit_code})
    return details


@pytest.fixture
def every_action(make_user, make_unit):
    """One entry per action the code writes, with typical details."""
    organizer = make_user(role="organizer")
    organizer.full_name = "Trần Thị Bích"
    person = make_user()
    person.full_name = "Nguyễn Văn An"
    unit = make_unit(name="Xã Ia Grai", kind="commune")
    db.session.add_all([Topic(key="kh_gia_lai", title="Kế hoạch CCHC tỉnh Gia Lai", scope="gia_lai"),
                        Topic(key="mot_cua", title="Cơ chế một cửa", scope="national")])
    actions = recorded()
    for action in sorted(set(actions) | set(ACTION_LABELS)):
        db.session.add(AuditLog(action=action, actor_id=organizer.id, target_type="User",
                                target_id=str(person.id), details=details_for(
                                    action, actions.get(action, set()), unit.code, person.id)))
    db.session.commit()
    return {"organizer": organizer, "person": person, "unit": unit, "count": len(actions)}


def _raw_codes(text: str, keys: set[str]) -> list[str]:
    words = set(re.findall(r"(?<![.\w])[A-Za-z_]+", text))  # not ".xlsx" of a label
    return sorted(SNAKE_CASE.findall(text) + [w for w in words & CODES]
                  + [key for key in keys if f"{key}:" in text])


def _table_text(html: str) -> str:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.sub(r"<[^>]+>", " ", body)


def test_the_log_reads_every_action_in_vietnamese(client, every_action):
    login(client, every_action["organizer"])
    keys = set().union(*recorded().values())
    html = client.get("/quan-tri/nhat-ky/", query_string={"page": 1}).get_data(as_text=True)
    pages = [html] + [client.get("/quan-tri/nhat-ky/", query_string={"page": n}).get_data(as_text=True)
                      for n in range(2, 4)]
    text = " ".join(_table_text(page) for page in pages)
    assert _raw_codes(text, keys) == []
    lines = [re.sub(r"<[^>]+>", "", line) for page in pages for line in re.findall(r"<li>(.*?)</li>", page)]
    assert len(lines) > 100 and [line for line in lines if ": " not in line] == []  # each named
    unit = every_action["unit"]
    assert f"Xã Ia Grai ({unit.code})" in text and "Kế hoạch CCHC tỉnh Gia Lai" in text
    assert "Lãnh đạo đơn vị" in text and "Nộp quá nhanh: không" in text
    person = every_action["person"]
    assert f'<a href="/quan-tri/tai-khoan/{person.id}">Người dự thi: Nguyễn Văn An</a>' in html


def test_the_export_reads_the_same(client, every_action):
    login(client, every_action["organizer"])
    response = client.get("/quan-tri/nhat-ky/nhat-ky.xlsx")
    rows = list(load_workbook(BytesIO(response.data)).active.iter_rows(min_row=2, values_only=True))
    details = "\n".join(row[5] or "" for row in rows)
    assert _raw_codes(details, set().union(*recorded().values())) == []
    assert "Người dự thi: Nguyễn Văn An" in details
