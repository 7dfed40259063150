"""The one way a file is handed to the browser as a download (spreadsheets,
PDF, Word, zip, JSON), so every download carries the same headers. (No route
sends a bare CSV: the CSV export is a zip of CSV files, sent by ``send_download``.)

Werkzeug's ``send_file`` writes the Content-Disposition: a plain ``filename``
for an ASCII name, and for a Vietnamese one an ASCII fallback plus the RFC 5987
``filename*`` that browsers use to keep the diacritics. Every download here holds
personal data or the organizer's working files, so no cache (browser, proxy,
CDN) may keep a copy: ``Cache-Control: private, no-store``, one policy for all.
"""
import io
import os

from flask import Response, send_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PRIVATE_FILE = "private, no-store"


def send_download(content: bytes | str | os.PathLike, filename: str, mimetype: str) -> Response:
    """``content`` (bytes, or the path of a file on disk) as an attachment named ``filename``."""
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    response = send_file(source, mimetype=mimetype, as_attachment=True, download_name=filename)
    response.headers["Cache-Control"] = PRIVATE_FILE
    return response


def send_xlsx(content: bytes | str | os.PathLike, filename: str) -> Response:
    return send_download(content, filename, XLSX)
