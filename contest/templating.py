"""Jinja filters: Vietnamese dates, numbers and durations."""
from datetime import datetime

from flask import Flask

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


def iso_utc(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def register(app: Flask) -> None:
    app.add_template_filter(format_local, "local_time")
    app.add_template_filter(vn_number, "vn_number")
    app.add_template_filter(duration, "duration")
    app.add_template_filter(iso_utc, "iso_utc")

    @app.context_processor
    def inject_now():
        return {"now": now()}
