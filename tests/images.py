"""Images for the logo tests, built small on disk however many pixels they declare."""
import io
import struct
import zlib

from PIL import Image, ImageFile


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of ``width`` × ``height`` pixels, compressed row by row
    (12000 × 12000 is ~140 KB on disk, 144 MB once decoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    packer, row = zlib.compressobj(9), b"\x00" + b"\x80" * width
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def pixel_size(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


def record_decoded_sizes(monkeypatch) -> list[tuple[int, int]]:
    """The size of every image Pillow decodes from now on (``ImageFile.load``)."""
    sizes = []
    original = ImageFile.ImageFile.load

    def load(self):
        sizes.append(self.size)
        return original(self)
    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return sizes
