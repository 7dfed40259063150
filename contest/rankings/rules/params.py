"""The ranking pages' query-string arguments: which round (or the whole
contest) and which kind of unit; anything else is a 404."""
from flask import abort, request

from contest.ids import id_of
from contest.rankings.queries import public
from contest.units.models import UNIT_KINDS


def scope_arg(contest):
    """The round asked for (?dot=ID), or the whole contest (?dot=toan-cuoc)."""
    wanted = request.args.get("dot", "")
    if wanted == "toan-cuoc":
        return contest
    round_id = id_of(wanted)
    if round_id is not None:
        round_ = next((r for r in contest.public_rounds if r.id == round_id), None)
        if round_ is None:
            abort(404)
        return round_
    return public.default_round(contest) or contest


def unit_kind_arg() -> str:
    kind = request.args.get("khoi", "commune")
    if kind not in UNIT_KINDS:
        abort(404)
    return kind
