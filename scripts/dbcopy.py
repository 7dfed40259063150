"""Back up and restore the contest database (``scripts/backup``, ``scripts/restore``).

    scripts/backup FILE     a consistent copy, safe while the app runs
    scripts/restore FILE    replaces the database's content with FILE (app stopped)

The database is ``DATABASE_URL`` as the app reads it (default: the demo's
``instance/contest.db``).
- SQLite: Python's online backup API (a consistent copy while others write);
  restore checks the copy's integrity, then copies it page by page into place.
- PostgreSQL: ``pg_dump --format=custom``; restore with ``pg_restore --clean
  --if-exists --no-owner --single-transaction`` into the database of the URL, so a
  failed restore changes nothing.
"""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'instance' / 'contest.db'}"


def sqlite_path(url: str) -> str | None:
    return url.split("sqlite:///", 1)[1] if url.startswith("sqlite:///") else None


def libpq_url(url: str) -> str:
    """postgres://, postgresql:// or postgresql+psycopg:// as libpq reads it."""
    scheme, rest = url.split("://", 1)
    if scheme not in ("postgres", "postgresql", "postgresql+psycopg"):
        sys.exit(f"Không hỗ trợ cơ sở dữ liệu {urlsplit(url).scheme!r}.")
    return "postgresql://" + rest


def backup(url: str, target: str) -> None:
    path = sqlite_path(url)
    if path:
        source, copy = sqlite3.connect(path), sqlite3.connect(target)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
    else:
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", target,
                        libpq_url(url)], check=True)


def restore(url: str, source: str) -> None:
    if not Path(source).is_file():
        sys.exit(f"Không tìm thấy tệp sao lưu {source}.")
    path = sqlite_path(url)
    if path:
        copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            sys.exit(f"Tệp sao lưu {source} bị hỏng; cơ sở dữ liệu không bị thay đổi.")
        target = sqlite3.connect(path)
        with target:
            copy.backup(target)
        copy.close()
        target.close()
    else:
        subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner",
                        "--single-transaction", "--dbname", libpq_url(url), source], check=True)


def main(argv: list[str]) -> None:
    if len(argv) != 2 or argv[0] not in ("backup", "restore"):
        sys.exit("Cách dùng: scripts/backup TỆP | scripts/restore TỆP")
    action, file = argv
    (backup if action == "backup" else restore)(database_url(), file)
    print(("Đã sao lưu vào " if action == "backup" else "Đã khôi phục từ ") + file)


if __name__ == "__main__":
    main(sys.argv[1:])
