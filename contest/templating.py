"""Jinja filters: Vietnamese dates, numbers and durations."""
from datetime import datetime

from urllib.parse import urlencode

from flask import Flask, request

from contest.clock import format_local, now


def vn_number(value) -> str:
    """12345 -> '12.345' (Vietnamese thousands separator)."""
    return f"{int(value or 0):,}".replace(",", ".")


def duration(ms: int | None) -> str:
    """Milliseconds as 'm phút s giây' (or 's,t giây' under a minute)."""
    if ms is None:
        return ""
    seconds = ms / 1000
    minutes, rest = divmod(int(seconds), 60)
    if minutes == 0:
        return f"{seconds:.1f} giây".replace(".", ",")
    return f"{minutes} phút {rest} giây"


def vn_percent(share: float | None, digits: int = 1) -> str:
    """0.875 -> '87,5%'; None -> '—'."""
    if share is None:
        return "—"
    return f"{share * 100:.{digits}f}%".replace(".", ",")


def vn_decimal(value: float | None, digits: int = 2) -> str:
    """12.345 -> '12,35'; None -> '—'."""
    if value is None:
        return "—"
    return f"{value:.{digits}f}".replace(".", ",")


def prediction_error(error: int | None) -> str:
    """A best attempt's prediction error as a reader sees it."""
    from contest.rankings.models import MISSING_PREDICTION_ERROR

    if error is None:
        return "—"
    if error >= MISSING_PREDICTION_ERROR:
        return "không dự đoán"
    return vn_number(error)


def query_with(name: str, value) -> str:
    """The current query string with one argument set (pagination links)."""
    args = request.args.to_dict(flat=False)
    args[name] = [str(value)]
    return urlencode(args, doseq=True)


def iso_utc(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def register(app: Flask) -> None:
    app.add_template_filter(format_local, "local_time")
    app.add_template_filter(vn_number, "vn_number")
    app.add_template_filter(duration, "duration")
    app.add_template_filter(iso_utc, "iso_utc")
    app.add_template_filter(vn_percent, "vn_percent")
    app.add_template_filter(vn_decimal, "vn_decimal")
    app.add_template_filter(prediction_error, "prediction_error")
    # A global, not a context variable: imported macros (the pager) see globals only.
    app.add_template_global(query_with, "query_with")

    @app.context_processor
    def inject_now():
        return {"now": now()}
