from flask import Blueprint, jsonify, request

from contest.units.models import UNIT_KINDS
from contest.units.queries import search_units

bp = Blueprint("units", __name__)


@bp.route("/api/don-vi")
def search():
    """Units matching ``q``, ignoring diacritics and case ("so noi vu" finds "Sở Nội vụ")."""
    query = request.args.get("q", "")[:100]
    return jsonify(units=[
        {"id": unit.id, "name": unit.name, "kind": UNIT_KINDS[unit.kind]}
        for unit in search_units(query)
    ])
