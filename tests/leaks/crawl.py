"""Reading everything an observer can reach: from the home page, every same-site
link breadth-first (GET only, never the logout), plus a fixed list of pages,
charts, downloads and JSON endpoints, each read as a person would (a workbook's
cells, a PDF's text)."""
import html
import io
import re
from collections import deque
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import openpyxl
import pypdf

from contest.certificates.models import KIND_SLUGS
from contest.config import TestConfig
from tests.leaks.world import World

LINK = re.compile(r'(?:href|src)="([^"#]*)')
# Nothing to learn there, or not a page: assets, the logout, the organizer's console
# (refused to these observers; the role matrix tests say so), the logo.
SKIPPED = ("/static/", "/bootstrap/", "/favicon", "/dang-xuat", "/quan-tri", "/cuoc-thi/",
           "/dang-nhap?", "/dat-lai-mat-khau/")
PAGE_LIMIT = 160
SAME_SITE = ("", "localhost", urlsplit(TestConfig.PUBLIC_URL).netloc)  # absolute links: PUBLIC_URL


@dataclass(frozen=True)
class Page:
    status: int
    content_type: str
    disposition: str
    text: str  # what a person reads: the HTML, SVG or JSON; a workbook's cells; a PDF's text


def read(response) -> Page:
    kind = response.mimetype or ""
    data = response.get_data()
    if kind.endswith("spreadsheetml.sheet") and response.status_code == 200:
        text = _workbook_text(data)
    elif kind == "application/pdf" and response.status_code == 200:
        text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    else:
        text = data.decode("utf-8", "replace")
    if response.location:
        text = f"→ {_local(response.location)}\n{text}"
    return Page(response.status_code, kind, response.headers.get("Content-Disposition", ""), text)


def _workbook_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(f"{sheet.title}: " + " | ".join("" if v is None else str(v) for v in row)
                     for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))


def _local(url: str) -> str | None:
    """The path and query (its parameters in one order) of a same-site URL, else None."""
    parts = urlsplit(html.unescape(url))
    if parts.netloc not in SAME_SITE or not parts.path.startswith("/"):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + (f"?{query}" if query else "")


def links(page: Page, skipped: tuple[str, ...]) -> list[str]:
    if not page.content_type.startswith("text/html"):
        return []
    found = [_local(url) for url in LINK.findall(page.text)]
    return [url for url in found if url and not url.startswith(skipped)]


def crawl(client, fixed: list[str], skipped: tuple[str, ...] = (),
          limit: int = PAGE_LIMIT) -> dict[str, Page]:
    """url -> page, for the home page, ``fixed``, and whatever they link to but
    ``SKIPPED`` and ``skipped``."""
    skipped = SKIPPED + skipped
    pages: dict[str, Page] = {}
    queue = deque(dict.fromkeys(["/", *map(_local, fixed)]))
    seen = set(queue)
    while queue and len(pages) < limit:
        url = queue.popleft()
        page = pages[url] = read(client.get(url))
        following = links(page, skipped)
        if page.text.startswith("→ "):
            following += [_local(page.text[2:].split("\n", 1)[0]) or ""]
        for link in following:
            if link and link not in seen and not link.startswith(skipped):
                seen.add(link)
                queue.append(link)
    assert not queue, f"more than {limit} pages to read: raise PAGE_LIMIT"
    return pages


# --- the fixed lists -----------------------------------------------------------------------

def shown_rounds(world: World) -> list[int]:
    """Ids of the public rounds of the home page's contest (the newest with one)."""
    for c, contest in enumerate(world.spec.contests):
        ids = [world.rounds[(c, r)] for r, round_ in enumerate(contest.rounds)
               if round_.state != "draft"]
        if ids:
            return ids
    return []


def public_urls(world: World) -> list[str]:
    """Result and ranking pages of every round (drafts answer 404); unit rankings
    of the home page's contest for each of its rounds, the whole contest and each bloc."""
    urls = ["/the-le", "/luyen-tap", "/lich-su", "/ho-so", "/ho-so/du-lieu-ca-nhan"]
    for round_id in world.rounds.values():
        urls += [f"/dot-thi/{round_id}/ket-qua", f"/dot-thi/{round_id}/xep-hang"]
    for scope in ["", "toan-cuoc", *map(str, shown_rounds(world))]:
        for kind in sorted(set(world.spec.unit_kinds)):
            urls.append(f"/xep-hang-don-vi?{'dot=' + scope + '&' if scope else ''}khoi={kind}")
    return urls


def chart_urls(world: World) -> list[str]:
    """Every chart: the same for everyone, so read by the visitor only."""
    urls = [f"/bieu-do/dot-thi/{round_id}/theo-ngay.svg" for round_id in world.rounds.values()]
    for scope in ["", "toan-cuoc", *map(str, shown_rounds(world))]:
        for kind in sorted(set(world.spec.unit_kinds)):
            urls.append(f"/bieu-do/don-vi.svg?{'dot=' + scope + '&' if scope else ''}khoi={kind}")
    return urls


def contestant_urls(world: World, person: str) -> list[str]:
    """The person's attempts (quiz page, state, result), data download, and the
    certificates (slow to draw) of the rounds that are not settled or settled last."""
    urls = ["/ho-so/du-lieu-ca-nhan/tai-ve"]
    attempts = world.attempts_of(person)
    for attempt in attempts:
        base = f"/bai-thi/{attempt.public_id}"
        urls += [base, f"{base}/ket-qua", f"/api/bai-thi/{attempt.public_id}/trang-thai"]
    states = {world.rounds[key]: world.spec.contests[key[0]].rounds[key[1]].state
              for key in world.rounds}
    taken = sorted({attempt.round_id for attempt in attempts}, key=lambda id_: states[id_])
    unsettled = [id_ for id_ in taken if states[id_] in ("open", "just_closed")]
    for round_id in unsettled + [id_ for id_ in taken if id_ not in unsettled][:1]:
        urls += [f"/chung-nhan/dot-thi/{round_id}/{slug}.pdf" for slug in KIND_SLUGS.values()]
    return urls


def manager_urls(world: World) -> list[str]:
    """The manager's own unit for each round, and every other unit (refused)."""
    urls = ["/don-vi-cua-toi"]
    for name, code in world.units.items():
        base = f"/don-vi/{code}"
        urls += [base, f"{base}/chua-tham-gia", f"{base}/chua-tham-gia.xlsx"]
        if name == "U2":
            for round_id in shown_rounds(world):
                urls += [f"{base}?dot={round_id}", f"{base}/chua-tham-gia?dot={round_id}",
                         f"{base}/chua-tham-gia.xlsx?dot={round_id}"]
    return urls + contestant_urls(world, "M")


def observers(world: World) -> dict[str, tuple[list[str], tuple[str, ...]]]:
    """Observer -> (the fixed list of what they read, what links they do not follow)."""
    public = public_urls(world)
    mine = ("/bieu-do/", "/chung-nhan/")
    return {"khách": (public + chart_urls(world), ("/chung-nhan/",)),
            "O": (public + contestant_urls(world, "O"), mine),
            "M": (public + manager_urls(world), mine)}
