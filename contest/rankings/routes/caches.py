"""Result pages cached whole (the generic cache and its clearing: contest/caching.py)."""

from flask import render_template

from contest.caching import cached_figures


def cached_page(key: str, shown, render_body) -> str:
    """A page whose whole content is rendered once per cache period: a hit costs
    the frame around it (the account, the branding) and no query of its own.
    ``shown`` (``rankings.rules.disclosure.Shown``) is what the body may show, and part
    of the key: a round settles with no write, so a body cached before must
    never be served after, nor the reverse. ``render_body`` returns (title,
    content HTML); it may abort (404), and then nothing is cached."""
    (title, body), _ = cached_figures(f"{key}:{shown.key}", render_body)
    return render_template("rankings/cached_page.html", title=title, body=body)
