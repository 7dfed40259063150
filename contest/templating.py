"""Jinja filters: Vietnamese dates, numbers and durations (the numbers
formatted by ``contest.formatting``, so a page and the Word report agree)."""
from datetime import datetime
from urllib.parse import urlencode

from flask import Flask, request

from contest.clock import now
from contest.formatting import day, decimal, duration, format_local, number, percent, trimmed


def query_with(name: str, value) -> str:
    """The current query string with one argument set (pagination links)."""
    args = request.args.to_dict(flat=False)
    args[name] = [str(value)]
    return urlencode(args, doseq=True)


def iso_utc(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def register(app: Flask) -> None:
    app.add_template_filter(format_local, "local_time")
    app.add_template_filter(day, "vn_day")
    app.add_template_filter(number, "vn_number")
    app.add_template_filter(duration, "duration")
    app.add_template_filter(iso_utc, "iso_utc")
    app.add_template_filter(percent, "vn_percent")
    app.add_template_filter(decimal, "vn_decimal")
    app.add_template_filter(trimmed, "vn_trimmed")
    # A global, not a context variable: imported macros (the pager) see globals only.
    app.add_template_global(query_with, "query_with")

    @app.context_processor
    def inject_now():
        return {"now": now()}
