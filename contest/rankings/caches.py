"""The one place that knows what the result pages cache, and clears it.

Figures are cached for a short time (``RESULTS_CACHE_SECONDS``); each page says
when its figures were read. Computing or publishing results clears every cache
so the final figures show at once (on this node; others within the timeout).
"""

from flask import current_app

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


def clear_result_caches() -> None:
    cache.clear()


