"""A contest logo's pixels: bounded on upload, stored small, and never decoded
big on a request path.

A PNG of 140 KB can declare 12000 × 12000 pixels (576 MB once decoded), and
every certificate drew the logo again (about 1 s and +400 MB a download). So
the size an image declares is read from its header (nothing decoded) before
anything else: an upload over ``MAX_LOGO_PIXELS`` is refused, one within it
is decoded once (at most ~16 MB) and stored scaled down to ``STORED_SIDE``.
The certificate and the poster decode a stored logo only when its header is
within ``STORED_SIDE``; a larger one (stored before this rule, until
``flask shrink-logos`` is run) is left out rather than decoded.
"""
import io
import warnings
from dataclasses import dataclass

from PIL import Image

MAX_LOGO_PIXELS = 4_000_000  # declared by an upload (2000 × 2000)
STORED_SIDE = 512  # px, the longer side: the certificate prints it 20 mm high (~240 px at 300 dpi)
FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
MIME_TYPES = {pillow: mime for mime, pillow in FORMATS.items()}


class UnreadableImage(Exception):
    pass


@dataclass
class TooManyPixels(Exception):
    width: int
    height: int


def image_type(data: bytes) -> str | None:
    """'image/png' or 'image/jpeg' when Pillow recognises the bytes as one of
    them, from the header only (nothing decoded: a file cut short or with
    broken pixels fails later, when its stored copy is made), else None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(MIME_TYPES)) as image:
                return MIME_TYPES.get(image.format)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def declared_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the image's header, nothing decoded; None when
    Pillow cannot read it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def stored_copy(data: bytes, kind: str) -> bytes:
    """What is kept of an upload of ``kind``: the upload itself when it fits in
    ``STORED_SIDE``, else a copy scaled down to it in the same format. Raises
    ``TooManyPixels`` (before decoding anything) or ``UnreadableImage``."""
    size = declared_size(data)
    if size is None:
        raise UnreadableImage()
    if size[0] * size[1] > MAX_LOGO_PIXELS:
        raise TooManyPixels(*size)
    try:
        with Image.open(io.BytesIO(data)) as image:
            if max(size) <= STORED_SIDE:
                image.load()  # a header over broken pixels is not a logo
                return data
            return _scaled_down(image, kind)
    except (OSError, ValueError) as error:
        raise UnreadableImage() from error


def drawable(data: bytes | None) -> Image.Image | None:
    """The stored logo decoded (RGBA) for a certificate or the poster, or None
    when there is none, it cannot be read, or its header declares more than
    ``STORED_SIDE`` (never decoded on a request)."""
    size = declared_size(data) if data else None
    if size is None or max(size) > STORED_SIDE:
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.convert("RGBA")
    except (OSError, ValueError):
        return None


def shrunk(data: bytes, kind: str) -> bytes | None:
    """For ``flask shrink-logos``: a stored logo larger than ``STORED_SIDE``
    scaled down (decoded in the command's process, not a worker), else None;
    ``UnreadableImage`` when even that cannot decode it."""
    size = declared_size(data)
    if size is None or max(size) <= STORED_SIDE:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return _scaled_down(image, kind)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise UnreadableImage() from error


def _scaled_down(image: Image.Image, kind: str) -> bytes:
    """``image`` fitted in ``STORED_SIDE`` (a JPEG decoded at a fraction of its
    size when it can), encoded as ``kind``."""
    image.thumbnail((STORED_SIDE, STORED_SIDE), Image.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, FORMATS[kind])
    return buffer.getvalue()
