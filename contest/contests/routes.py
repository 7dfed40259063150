"""The contest's own public pages: its rules, its logo, the favicon."""
from flask import Blueprint, Response, abort, current_app, render_template, request

from contest.contests import services as branding
from contest.contests.documents.markdown import render_markdown
from contest.contests.queries import contests as contest_queries, overview

bp = Blueprint("contests", __name__)

LOGO_CACHE_SECONDS = 365 * 24 * 3600  # the URL changes with the logo (?v=)


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for it whatever the page links (pages link the SVG and PNG)."""
    return current_app.send_static_file("img/favicon.ico")


@bp.route("/the-le")
def rules():
    contest = contest_queries.current_contest()
    if contest is None:
        abort(404)
    rounds = contest_queries.public_rounds(contest)
    return render_template("contests/rules.html", contest=contest, rounds=rounds,
                           period=overview.contest_period(contest, rounds),
                           rules_html=render_markdown(contest.rules))


@bp.route("/cuoc-thi/<int:contest_id>/logo")
def logo(contest_id: int):
    data, kind, version = branding.logo_of(contest_id)
    response = Response(data, mimetype=kind)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = f'inline; filename="logo.{branding.EXTENSIONS[kind]}"'
    if version and request.args.get("v") == version:
        response.headers["Cache-Control"] = f"public, max-age={LOGO_CACHE_SECONDS}, immutable"
    else:
        response.headers["Cache-Control"] = "public, max-age=300"
    return response
