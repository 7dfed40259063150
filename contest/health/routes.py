"""``/healthz``: the process answers. ``/readyz``: the database answers and its
schema is at the head of ``migrations/``, else 503 with the reason.

Public (no login; GET, so no CSRF), never rate-limited, never cached, not audited.
"""
from flask import Blueprint, jsonify

from contest.extensions import limiter
from contest.health.services import readiness_problem

bp = Blueprint("health", __name__)
limiter.exempt(bp)


@bp.after_request
def never_cached(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    problem = readiness_problem()
    if problem is not None:
        return jsonify(status="not_ready", reason=problem), 503
    return jsonify(status="ok")
