"""How a value of the audit log reads: codes through their Vietnamese labels
(roles, prediction kinds, unit kinds, audiences…), unit codes as "name (code)",
topic keys by their titles and account ids by the person's name.

The names are read once for a page of entries (``Lookups.for_details``): one
query per kind of name, whatever the number of entries.
"""
import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from contest.accounts.models import GENDERS, ROLE_LABELS, User
from contest.admin.services.rounds import DIFFICULTIES
from contest.audiences import AUDIENCES
from contest.audit.personal import Erased
from contest.bank.models import Topic
from contest.contests.models import PREDICTION_KINDS, REVIEW_AFTER
from contest.contests.rules.scopes import scope_label
from contest.extensions import db
from contest.formatting import format_local
from contest.masking import masked_phone
from contest.reports.models import FORMATS
from contest.units.models import KIND_LABELS, Unit

EMPTY = "—"
UNITS_SHOWN = 10  # a longer list of units ends with "và N đơn vị khác"

DECISIONS = {"verified": "Đã xác minh", "disqualified": "Đã loại"}
# The codes a detail holds, by its key: each read through its labels.
ENUM_LABELS = {
    "role": ROLE_LABELS, "prediction_kind": PREDICTION_KINDS, "review_after": REVIEW_AFTER,
    "kind": KIND_LABELS, "audience": AUDIENCES, "gender": GENDERS, "format": FORMATS,
    "decision": DECISIONS,
}
# Comma-separated (or listed) codes.
LIST_LABELS = {"audiences": AUDIENCES.get, "question_scopes": scope_label,
               "province_code": scope_label}
USER_KEYS = frozenset({"user_id"})
UNIT_KEYS = frozenset({"unit", "managed_unit", "units", "added_codes"})
TOPIC_KEYS = frozenset({"topics"})
MIX_KEYS = frozenset({"topic_mix", "difficulty_mix"})

_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Lookups:
    """The names behind the ids and codes of a page of entries."""
    users: dict[int, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_details(cls, details: list, user_ids: set[int] = frozenset()) -> "Lookups":
        wanted: dict[str, set] = {"users": set(user_ids), "units": set(), "topics": set()}
        for entry in details:
            _collect(entry, wanted)
        return cls(users=_names(User.id, User.full_name, wanted["users"]),
                   units=_names(Unit.code, Unit.name, wanted["units"]),
                   topics=_names(Topic.key, Topic.title, wanted["topics"]))

    def unit(self, code: str) -> str:
        name = self.units.get(code)
        return f"{name} ({code})" if name else str(code)

    def topic(self, key: str) -> str:
        return self.topics.get(key, str(key))


def _collect(value, wanted: dict[str, set], key: str | None = None) -> None:
    """The user ids, unit codes and topic keys anywhere in ``value`` (the values
    of a {"before": …, "after": …} pair are of the key the pair is under)."""
    if isinstance(value, dict):
        if key == "topic_mix":
            wanted["topics"].update(value)
        for inner_key, inner in value.items():
            paired = inner_key in ("before", "after") and not isinstance(inner, dict)
            _collect(inner, wanted, key if paired else inner_key)
    elif isinstance(value, list):
        for item in value:
            _collect(item, wanted, key)
    elif key in USER_KEYS and isinstance(value, int) and not isinstance(value, bool):
        wanted["users"].add(value)
    elif key in UNIT_KEYS and isinstance(value, str):
        wanted["units"].add(value)
    elif key in TOPIC_KEYS and isinstance(value, str):
        wanted["topics"].update(part for part in value.split(",") if part)


def _names(key_column, name_column, keys: set) -> dict:
    if not keys:
        return {}
    return dict(db.session.execute(select(key_column, name_column).where(key_column.in_(keys))).all())


def value_text(value, key: str | None, lookups: Lookups, labels: dict[str, str]) -> str:
    """``value`` of the detail ``key`` as a reader sees it; ``labels`` name the
    keys of a nested value (a unit's snapshot in an import…)."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, Erased):  # a personal value deleted with the person's data
        return str(value)
    if isinstance(value, bool):
        return "có" if value else "không"
    if key in MIX_KEYS and isinstance(value, dict):
        return _mix(value, key, lookups)
    if isinstance(value, dict):
        return "; ".join(_nested(value, key, lookups, labels))
    if isinstance(value, list):
        return _list(value, key, lookups, labels)
    return _scalar(value, key, lookups)


def _scalar(value, key: str | None, lookups: Lookups) -> str:
    if key in ENUM_LABELS:
        return ENUM_LABELS[key].get(value, str(value))
    if key in LIST_LABELS and isinstance(value, str):
        return ", ".join(LIST_LABELS[key](part) or part for part in value.split(",") if part)
    if key in UNIT_KEYS:
        return lookups.unit(value)
    if key in TOPIC_KEYS and isinstance(value, str):
        return ", ".join(lookups.topic(part) for part in value.split(",") if part)
    if key in USER_KEYS:
        return lookups.users.get(value, f"tài khoản #{value}")
    if key == "phone" and isinstance(value, str):
        return masked_phone(value)  # a full phone only in the winners export
    if isinstance(value, str) and _ISO_TIME.match(value):
        return _local_time(value)
    if isinstance(value, str) and _ISO_DAY.match(value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return str(value)


def _list(values: list, key: str | None, lookups: Lookups, labels: dict[str, str]) -> str:
    if key in UNIT_KEYS:
        shown = [lookups.unit(code) for code in values[:UNITS_SHOWN]]
        more = len(values) - len(shown)
        return ", ".join(shown) + (f" và {more} đơn vị khác" if more > 0 else "")
    if key == "left_out":  # the names of fields
        return ", ".join(labels.get(name, name) for name in values)
    if key in LIST_LABELS or key in TOPIC_KEYS:
        return _scalar(",".join(map(str, values)), key, lookups)
    return " | ".join(value_text(value, key, lookups, labels) for value in values)


def _nested(value: dict, key: str | None, lookups: Lookups, labels: dict[str, str]) -> list[str]:
    """A dict inside a detail: "label: value" parts, then its before/after."""
    parts = [f"{labels.get(name, name)}: {value_text(inner, name, lookups, labels)}"
             for name, inner in value.items() if name not in ("before", "after")]
    if "before" in value or "after" in value:
        parts += before_after(value.get("before"), value.get("after"), key, lookups, labels)
    return parts


def before_after(before, after, key: str | None, lookups: Lookups,
                 labels: dict[str, str]) -> list[str]:
    """A before/after pair: the changed entries of two dicts, each "label: a → b";
    two plain values (of the detail ``key``) as one "a → b"."""
    if isinstance(before, dict) or isinstance(after, dict):
        before, after = before or {}, after or {}
        names = list(dict.fromkeys([*before, *after]))
        return [f"{labels.get(name, name)}: {pair(before.get(name), after.get(name), name, lookups, labels)}"
                for name in names if before.get(name) != after.get(name)]
    if before is None and after is None:
        return []
    return [pair(before, after, key, lookups, labels)]


def pair(before, after, key: str | None, lookups: Lookups, labels: dict[str, str]) -> str:
    return f"{value_text(before, key, lookups, labels)} → {value_text(after, key, lookups, labels)}"


def _mix(mix: dict, key: str, lookups: Lookups) -> str:
    name = lookups.topic if key == "topic_mix" else (lambda level: DIFFICULTIES.get(str(level), level))
    return "; ".join(f"{name(part)}: {count} câu" for part, count in mix.items())


def _local_time(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)  # Python 3.11 reads a "Z" too
    except ValueError:
        return text
    return format_local(moment) if moment.tzinfo else text
