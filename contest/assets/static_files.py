"""Static files under content-hashed names, compressed once, served by WhiteNoise.

At startup each file of the static folder is copied into a build folder
(``STATIC_BUILD_DIR``, default ``instance/static-build``) under a name that carries
a hash of its content (``css/app.css`` → ``css/app.3f9c0a1b2d4e.css``), beside its
Brotli (``.br``) and gzip (``.gz``) versions made by WhiteNoise's compressor. A name
that exists is never written again (the name is the content), so this runs once
per version of a file, not on every start and never per request.

``url_for('static', filename=…)`` then gives the hashed name, and WhiteNoise (in
front of the Flask app) answers it with the ``.br`` or ``.gz`` the browser accepts,
cacheable for years as immutable: a changed file gets a new name. Unhashed names
still reach Flask's own static view (cached an hour). In debug mode nothing of
this runs, so an edited stylesheet shows on the next reload.
"""
import hashlib
import os
import tempfile
from pathlib import Path, PurePosixPath

from flask import Flask
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

HASH_LENGTH = 12


def init_app(app: Flask) -> None:
    if app.debug:
        return
    target = Path(app.config.get("STATIC_BUILD_DIR") or Path(app.instance_path) / "static-build")
    try:
        manifest = build(Path(app.static_folder), target)
    except OSError as error:
        app.logger.warning("static files served unhashed and uncompressed: %s", error)
        return

    def hashed_static_url(endpoint: str, values: dict) -> None:
        if endpoint == "static" and values.get("filename") in manifest:
            values["filename"] = manifest[values["filename"]]

    app.url_defaults(hashed_static_url)
    app.wsgi_app = WhiteNoise(app.wsgi_app, root=str(target), prefix=app.static_url_path,
                              immutable_file_test=lambda path, url: True,
                              add_headers_function=_add_headers)


def build(source: Path, target: Path) -> dict[str, str]:
    """Copy every file of ``source`` into ``target`` under its hashed name, with
    its compressed versions; the manifest maps each name to its hashed name."""
    target.mkdir(parents=True, exist_ok=True)
    manifest = {}
    # Drafts are made beside ``target``, not in it, so that WhiteNoise scanning
    # ``target`` in a process starting at the same time never lists one.
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}-") as scratch:
        for path in sorted(source.rglob("*")):
            name = path.relative_to(source).as_posix()
            if not path.is_file() or name.startswith(".") or "/." in name:
                continue
            data = path.read_bytes()
            manifest[name] = hashed_name(name, hashlib.sha256(data).hexdigest()[:HASH_LENGTH])
            _write_once(target / manifest[name], data, Path(scratch))
    return manifest


def hashed_name(name: str, digest: str) -> str:
    """``css/app.css`` → ``css/app.<digest>.css``."""
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def _write_once(destination: Path, data: bytes, scratch: Path) -> None:
    """Write ``destination`` and its ``.br``/``.gz`` unless it exists. Each file is
    made in ``scratch`` and moved into place, the main file last: a file is never
    seen half written, and the main file's presence means the others are there."""
    if destination.exists():
        return
    destination.parent.mkdir(parents=True, exist_ok=True)
    draft = scratch / destination.name
    draft.write_bytes(data)
    compressor = Compressor(quiet=True)
    if compressor.should_compress(draft.name):
        for made in compressor.compress(str(draft)):
            os.replace(made, destination.parent / Path(made).name)
    os.replace(draft, destination)


def _add_headers(headers, path: str, url: str) -> None:
    headers["X-Content-Type-Options"] = "nosniff"
