"""The target hunt's judgement: two readings of a world that differ only in a
fact the observers must not learn are the same page for page, once what
legitimately differs is named alike (random public ids of attempts, certificate
codes, CSRF tokens, a chart's id)."""
import difflib
import re

from contest.certificates.rules import display
from contest.certificates.models import Certificate
from contest.extensions import db
from contest.quiz.models import Attempt
from tests.leaks.crawl import Page
from tests.leaks.world import World

CSRF = re.compile(r'(name="csrf_token"[^>]*value=")[^"]*')
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # a chart's id
DIFF_LINES = 12


def names(world: World) -> dict[str, str]:
    """Random ids and codes -> a stable name (whose, which round, which one)."""
    people = {id_: person for person, id_ in world.users.items()}
    rounds = {id_: f"{c + 1}.{r + 1}" for (c, r), id_ in world.rounds.items()}
    found = {}
    for attempt in db.session.query(Attempt):
        found[attempt.public_id] = (f"<lượt {people[attempt.user_id]} "
                                    f"{rounds[attempt.round_id]}#{attempt.number}>")
    for certificate in db.session.query(Certificate):
        name = f"<chứng nhận {people[certificate.user_id]} {rounds[certificate.round_id]} " \
               f"{certificate.kind}>"
        found[certificate.code] = found[display(certificate.code)] = name
    return found


def _rename(text: str, renames: dict[str, str]) -> str:
    for raw, name in renames.items():
        text = text.replace(raw, name)
    return UUID.sub("<uuid>", CSRF.sub(r"\1<csrf>", text))


def normalised(world: World, pages: dict[str, dict[str, Page]]) -> dict[str, dict[str, tuple]]:
    """observer -> url -> (status, type, disposition, text), ids and tokens renamed."""
    renames = names(world)
    return {observer: {_rename(url, renames): (page.status, page.content_type, page.disposition,
                                               _rename(page.text, renames))
                       for url, page in read.items()}
            for observer, read in pages.items()}


def differences(first: dict, second: dict) -> list[str]:
    """Each page (or reachable URL) that is not the same in both readings, with a diff."""
    found = []
    for observer in first:
        mine, theirs = first[observer], second[observer]
        for url in sorted(set(mine) | set(theirs)):
            if url not in mine or url not in theirs:
                where = "thế giới gốc" if url in mine else "thế giới đã đổi"
                found.append(f"{observer} {url}: chỉ đọc được ở {where}")
            elif mine[url] != theirs[url]:
                found.append(f"{observer} {url}:\n" + _diff(mine[url], theirs[url]))
    return found


def _diff(one: tuple, other: tuple) -> str:
    if one[:3] != other[:3]:
        return f"    {one[:3]} ≠ {other[:3]}"
    lines = difflib.unified_diff(one[3].splitlines(), other[3].splitlines(), lineterm="", n=1,
                                 fromfile="thế giới gốc", tofile="thế giới đã đổi")
    return "\n".join("    " + line.strip()[:200] for line in list(lines)[:2 + DIFF_LINES])
