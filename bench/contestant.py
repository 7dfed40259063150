"""One simulated contestant of the deadline rush: logs in, then takes whole
attempts until the time is up (home page, start, quiz page, every answer saved
after some thought, submit, result), each request timed, and every save the
server acknowledged written in a ledger to be checked against the database."""
import asyncio
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.aioclient import FORM, JSON, ConnectionLost, Person, csrf_token
from bench.harness import PASSWORD

START_ACTION = re.compile(rb'action="/dot-thi/(\d+)/bat-dau"')
CONTINUE = re.compile(rb'href="/bai-thi/([^"/]+)"')
OPTION = re.compile(rb'name="q(\d+)" value="(\d+)"')
ERROR_SAMPLES = 20


@dataclass
class Tally:
    """What every contestant of a run adds to: latencies per endpoint, errors, the
    ledger of acknowledged saves ((attempt, position) → choice) and finished attempts."""
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    samples: list = field(default_factory=list)
    ledger: dict = field(default_factory=dict)
    finished_at: list = field(default_factory=list)

    def failed(self, endpoint: str, why: str) -> None:
        self.errors[endpoint] += 1
        if len(self.samples) < ERROR_SAMPLES:
            self.samples.append(f"{endpoint}: {why}")


class Stop(Exception):
    """A request failed: this contestant logs in again (or, for a save the server
    did not answer or answered 5xx, sends it again as the quiz page does)."""

    def __init__(self, retryable: bool):
        super().__init__()
        self.retryable = retryable


async def timed(person: Person, tally: Tally, endpoint: str, expect: int, method: str,
                path: str, body: bytes = b"", content_type=None, headers=None):
    started = time.perf_counter()
    try:
        status, response_headers, data = await person.request(method, path, body, content_type,
                                                              headers)
    except ConnectionLost as error:
        tally.failed(endpoint, f"connection: {error}")
        raise Stop(retryable=True) from error
    tally.latencies[endpoint].append(time.perf_counter() - started)
    if status != expect:
        tally.failed(endpoint, f"HTTP {status} {data[:120]!r}")
        raise Stop(retryable=status >= 500)
    return response_headers, data


@dataclass
class Contestant:
    person: Person
    phone: str
    tally: Tally
    think: tuple[float, float]  # seconds before each answer: uniform between these
    rng: random.Random

    async def run(self, stop_at: float, arrive_after: float = 0.0) -> None:
        """Arrive ``arrive_after`` seconds in (people come over time, not all in one
        second), then take whole attempts until ``stop_at``."""
        await asyncio.sleep(arrive_after)
        while time.time() < stop_at:
            try:
                await self.log_in()
                while time.time() < stop_at:
                    await self.one_attempt(stop_at)
            except Stop:
                self.person.close()
                await asyncio.sleep(0.5)

    async def log_in(self) -> None:
        _, page = await timed(self.person, self.tally, "login", 200, "GET", "/dang-nhap")
        body = urlencode({"csrf_token": csrf_token(page), "identifier": self.phone,
                          "password": PASSWORD}).encode()
        await timed(self.person, self.tally, "login", 302, "POST", "/dang-nhap", body, FORM)

    async def one_attempt(self, stop_at: float) -> None:
        public_id, quiz_token, options = await self.start()
        for position in sorted(options):
            await asyncio.sleep(self.rng.uniform(*self.think))
            if time.time() >= stop_at:
                return
            await self.save(public_id, quiz_token, position, self.rng.randrange(options[position]),
                            retry_until=stop_at)
        body = urlencode({"csrf_token": quiz_token, "prediction": self.rng.randrange(50)}).encode()
        await timed(self.person, self.tally, "submit", 302, "POST", f"/bai-thi/{public_id}/nop",
                    body, FORM)
        await timed(self.person, self.tally, "result", 200, "GET", f"/bai-thi/{public_id}/ket-qua")
        self.tally.finished_at.append(time.time())

    async def start(self) -> tuple[str, str, dict]:
        """Start an attempt: its public id, the quiz page's CSRF token, and the
        number of options of each position."""
        _, home = await timed(self.person, self.tally, "home", 200, "GET", "/")
        start = START_ACTION.search(home)
        if start is None:  # an attempt in progress: the home page offers to go on with it
            public_id = CONTINUE.search(home).group(1).decode()
        else:
            body = urlencode({"csrf_token": csrf_token(home)}).encode()
            headers, _ = await timed(self.person, self.tally, "start", 302, "POST",
                                     f"/dot-thi/{start.group(1).decode()}/bat-dau", body, FORM)
            public_id = headers["location"].rstrip("/").split("/")[-1]
        _, quiz = await timed(self.person, self.tally, "quiz_page", 200, "GET",
                              f"/bai-thi/{public_id}")
        options = defaultdict(int)
        for position, value in OPTION.findall(quiz):
            options[int(position)] = max(options[int(position)], int(value) + 1)
        return public_id, csrf_token(quiz), options

    async def save(self, public_id: str, token: str, position: int, choice: int,
                   retry_until: float = 0.0) -> None:
        """Send one answer; until ``retry_until``, send it again after a failure the
        server did not answer (1 s, doubling to 15 s, as ``static/js/quiz.js``)."""
        body = f'{{"position": {position}, "choice": {choice}}}'.encode()
        wait = 1.0
        while True:
            try:
                await timed(self.person, self.tally, "save", 200, "POST",
                            f"/api/bai-thi/{public_id}/tra-loi", body, JSON,
                            {"X-CSRFToken": token})
                break
            except Stop as stop:
                if not stop.retryable or time.time() + wait > retry_until:
                    raise
                await asyncio.sleep(wait)
                wait = min(wait * 2, 15.0)
        self.tally.ledger[(public_id, position)] = choice
