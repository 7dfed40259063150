"""``/metrics``: the app's figures in Prometheus' text format, for a scraper only.

Served to a request with ``Authorization: Bearer <METRICS_TOKEN>`` (when set),
or, with ``METRICS_ALLOW_LOCALHOST`` (on by default), to one made on this machine
straight to the app: from a loopback address and through no proxy (a request
carrying X-Forwarded-For or Forwarded came through one, whatever address
ProxyFix made of it). Everyone else gets the site's ordinary 404, as for any
address that does not exist. Never rate-limited, never cached; it reads no
session and sets no cookie.
"""
import hmac
import ipaddress
import os

from flask import Blueprint, Response, abort, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import CollectorRegistry

from contest.extensions import limiter
from contest.monitoring.metrics import SCRAPE_TIME_COLLECTORS

bp = Blueprint("metrics", __name__)
limiter.exempt(bp)
PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-IP")


@bp.get("/metrics")
def scrape():
    if not scraper_allowed():
        abort(404)
    response = Response(generate_latest(ScrapeRegistry()), content_type=CONTENT_TYPE_LATEST)
    response.headers["Cache-Control"] = "no-store"
    return response


def scraper_allowed() -> bool:
    token = current_app.config.get("METRICS_TOKEN")
    if token and hmac.compare_digest(_bearer_token().encode(), token.encode()):
        return True
    return bool(current_app.config.get("METRICS_ALLOW_LOCALHOST")) and _straight_from_loopback()


def _bearer_token() -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _straight_from_loopback() -> bool:
    if any(header in request.headers for header in PROXY_HEADERS):
        return False
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:  # a unix socket: reached through a proxy
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or (mapped is not None and mapped.is_loopback)


class ScrapeRegistry:
    """What one scrape reads: every worker's instruments (from
    ``PROMETHEUS_MULTIPROC_DIR`` under gunicorn, else this process's), then the
    figures computed now."""

    def collect(self):
        yield from _instruments().collect()
        for collector in SCRAPE_TIME_COLLECTORS:
            yield from collector.collect()


def _instruments():
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=directory)
    return registry
