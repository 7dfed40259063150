"""The one place that knows what the result pages cache, and clears it.

Figures are cached for a short time (``RESULTS_CACHE_SECONDS``); each page says
when its figures were read. Computing or publishing results clears every cache
so the final figures show at once (on this node; others within the timeout).
"""

from flask import current_app, render_template

from contest.clock import now
from contest.extensions import cache


def cached_figures(key: str, compute):
    """(figures, read_at) from the cache, or computed now and cached."""
    timeout = current_app.config["RESULTS_CACHE_SECONDS"]
    if timeout <= 0:  # caching off (for the cache library 0 would mean "forever")
        return compute(), now()
    hit = cache.get(key)
    if hit is not None:
        return hit
    value = (compute(), now())
    cache.set(key, value, timeout=timeout)
    return value


def cached_html(key: str, timeout: int, render) -> str:
    """A rendered fragment that does not change (a closed round's review)."""
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, timeout=timeout)
    return html


def cached_page(key: str, shown, render_body) -> str:
    """A page whose whole content is rendered once per cache period: a hit costs
    the frame around it (the account, the branding) and no query of its own.
    ``shown`` (``rankings.disclosure.Shown``) is what the body may show, and part
    of the key: a round settles with no write, so a body cached before must
    never be served after, nor the reverse. ``render_body`` returns (title,
    content HTML); it may abort (404), and then nothing is cached."""
    (title, body), _ = cached_figures(f"{key}:{shown.key}", render_body)
    return render_template("rankings/cached_page.html", title=title, body=body)


def clear_result_caches() -> None:
    cache.clear()


