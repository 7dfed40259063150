"""The one place that caches what the result pages show, and clears it after a commit.

Figures are cached for a short time (``RESULTS_CACHE_SECONDS``); each page says
when its figures were read. Code that changes what those pages show calls
``results_changed()``, which only marks the database session; one listener
clears the caches once that session's transaction has committed. A change that
is rolled back (or never committed) clears nothing, and no page can be cached
again from the old rows between a clear and the commit that made it stale.

With Redis (``REDIS_URL``) every app process shares the cache, so one clear
serves them all; ``CACHE_KEY_PREFIX`` keeps the clear to this app's keys. With
the in-process cache, another process keeps its copy until its timeout: that
timeout is the bound on staleness there (docs/architecture.md).
"""

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from contest.clock import now
from contest.extensions import cache, db
from contest.metrics import count_cache_lookup

RESULTS_CHANGED = "results_changed"  # the mark in ``Session.info``


def cached_figures(key: str, compute):
    """(figures, read_at) from the cache, or computed now and cached."""
    timeout = current_app.config["RESULTS_CACHE_SECONDS"]
    if timeout <= 0:  # caching off (for the cache library 0 would mean "forever")
        return compute(), now()
    hit = cache.get(key)
    count_cache_lookup(hit is not None)
    if hit is not None:
        return hit
    value = (compute(), now())
    cache.set(key, value, timeout=timeout)
    return value


# Caches each process keeps for itself (no ``REDIS_URL``): two workers would
# show two different counts, one after the other, to the same reader.
PROCESS_CACHES = frozenset({"SimpleCache", "simple", "NullCache", "null"})


def shared_figures(key: str, compute):
    """(figures, read_at) of figures that must read the same from every worker
    (the home page's counters): from the cache when every process shares it
    (Redis), else computed now; only for figures cheap to compute at any size."""
    if current_app.config.get("CACHE_TYPE") in PROCESS_CACHES:
        return compute(), now()
    return cached_figures(key, compute)


def cached_html(key: str, timeout: int, render) -> str:
    """A rendered fragment that does not change (a closed round's review)."""
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, timeout=timeout)
    return html


def results_changed() -> None:
    """Mark the current transaction: once it commits, the cached pages are cleared
    (so the new figures show at once); if it rolls back, nothing is cleared."""
    session = db.session()
    if not session.in_transaction():
        session.begin()  # the mark belongs to a transaction, and ends with it
    session.info[RESULTS_CHANGED] = True


def clear_result_caches() -> None:
    """Drop every cached figure and page now. Flask-Caching's clear deletes only
    the keys under ``CACHE_KEY_PREFIX`` on a shared Redis (and the cached audit
    action list and monitoring shares with them, which are recomputed on the next
    read). Services call ``results_changed()`` instead; this is for the listener."""
    cache.clear()


def _clear_if_marked(session: Session) -> None:
    if session.info.pop(RESULTS_CHANGED, False):
        clear_result_caches()


def _forget_mark(session: Session, transaction) -> None:
    """A transaction that ends without a commit (rolled back, or closed at the
    end of the request) takes its mark with it. A savepoint's end keeps it: the
    outer transaction may still commit what was marked before the savepoint."""
    if transaction.parent is None:
        session.info.pop(RESULTS_CHANGED, None)


def install_cache_hooks() -> None:
    """Listen for commits of every session, once per process (the factory calls
    this for each app it builds; the listeners are on the class, not the app)."""
    if not event.contains(Session, "after_commit", _clear_if_marked):
        event.listen(Session, "after_commit", _clear_if_marked)
        event.listen(Session, "after_transaction_end", _forget_mark)
