"""Where a run's CPU went: seconds used by the app's gunicorn processes and by
PostgreSQL's, read from /proc (Linux), to set beside the load generator's own."""
import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[str, int, float]]:
    """pid → (command name, parent pid, CPU seconds so far)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        name = raw[raw.index("(") + 1:raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2:].split()
        found[int(entry.name)] = (name, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS)
    return found


def snapshot(app_pid: int) -> dict[str, float]:
    """CPU seconds of the app (``app_pid`` and its children) and of every postgres
    process on the machine."""
    processes = _processes()
    app = sum(seconds for pid, (_, parent, seconds) in processes.items()
              if pid == app_pid or parent == app_pid)
    database = sum(seconds for name, _, seconds in processes.values() if name == "postgres")
    return {"app": app, "database": database}


def used(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {key: after[key] - before[key] for key in before}
