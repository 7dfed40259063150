"""A small HTTP/1.1 client on asyncio streams, cheap enough that one process can
play hundreds of contestants without being the bottleneck: one keep-alive
connection per person, cookies kept, responses read by Content-Length.

Only loopback addresses are used (``source`` picks which 127.0.0.x a person's
connection comes from, so per-IP limits see many people, as behind real NATs).
"""
import asyncio
import re
import time

CSRF = re.compile(rb'name="csrf_token" type="hidden" value="([^"]+)"')
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


class ConnectionLost(Exception):
    """The server closed the connection or did not answer in time."""


class Person:
    """One browser: a keep-alive connection to 127.0.0.1:``port`` and its cookies.

    ``Person.offline_until`` (a time.time() value) cuts every person off the
    network until then: their requests fail at once, as on a phone that lost signal."""

    offline_until = 0.0
    resent = 0  # requests sent again on a new connection after the old one broke

    def __init__(self, port: int, source: str = "127.0.0.1", timeout: float = 60,
                 always_online: bool = False):
        self.port, self.source, self.timeout = port, source, timeout
        self.always_online = always_online  # a probe, not a contestant
        self.cookies: dict[str, str] = {}
        self.reader = self.writer = None

    async def request(self, method: str, path: str, body: bytes = b"",
                      content_type: str | None = None, headers: dict | None = None):
        """(status, headers, body); reconnects once if a kept-alive connection was closed."""
        if time.time() < Person.offline_until and not self.always_online:
            self.close()
            raise ConnectionLost("offline")
        for attempt in (1, 2):
            if self.writer is None:
                await self._connect()
            try:
                return await asyncio.wait_for(
                    self._exchange(method, path, body, content_type, headers or {}), self.timeout)
            except (ConnectionError, asyncio.IncompleteReadError, ConnectionLost,
                    asyncio.TimeoutError) as error:
                self.close()
                if attempt == 2 or isinstance(error, asyncio.TimeoutError):
                    raise ConnectionLost(str(error) or type(error).__name__) from error
                Person.resent += 1
        raise AssertionError("unreachable")

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(
            "127.0.0.1", self.port, local_addr=(self.source, 0))

    async def _exchange(self, method, path, body, content_type, headers):
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}",
                 f"Content-Length: {len(body)}"]
        if content_type:
            lines.append(f"Content-Type: {content_type}")
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionLost("closed before answering")
        status = int(status_line.split()[1])
        response_headers = await self._headers()
        length = int(response_headers.get("content-length", "0"))
        data = await self.reader.readexactly(length) if length else b""
        if response_headers.get("connection", "").lower() == "close":
            self.close()
        return status, response_headers, data

    async def _headers(self) -> dict:
        found = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";")[0]
            else:
                found[name] = value
        return found

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def csrf_token(html: bytes) -> str:
    found = CSRF.search(html)
    if found is None:
        raise ConnectionLost("no CSRF token in the page")
    return found.group(1).decode()
