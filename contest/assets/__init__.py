"""What a page weighs on the wire: HTML, JSON and charts compressed for the
browsers that accept it (Flask-Compress: Brotli, else gzip), static files under
hashed names, compressed once and cached for good (``static_files``).

Measured by ``python -m bench page_weight``."""
from flask import Flask

from contest.assets import static_files
from contest.extensions import compress

COMPRESSION_DEFAULTS = {
    # Pages, the JSON API and the SVG charts. Not the exports: xlsx, docx and zip
    # are compressed already, CSV is a download, and files sent from disk are
    # streamed (COMPRESS_STREAMS off leaves every streamed response as it is).
    "COMPRESS_MIMETYPES": ["text/html", "application/json", "image/svg+xml"],
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_BR_LEVEL": 5,
    "COMPRESS_LEVEL": 6,
    # Below this a response gains too little to be worth the work (an answer's save).
    "COMPRESS_MIN_SIZE": 500,
    "COMPRESS_STREAMS": False,
}


def register(app: Flask) -> None:
    for key, value in COMPRESSION_DEFAULTS.items():
        app.config.setdefault(key, value)
    compress.init_app(app)
    static_files.init_app(app)
