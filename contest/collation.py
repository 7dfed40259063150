"""Vietnamese alphabetical order, for lists people read (names of people and units).

Python's ``sorted`` compares code points: "Trương" before "Trần", "Đặng" after
every other letter. The order here is the Unicode Collation Algorithm (pyuca,
pure Python, with the DUCET table it ships; PyICU has no binary wheel for a
fresh Python 3.11 machine) tailored for Vietnamese as ICU's ``vi`` locale is:

- ă, â after a; đ after d; ê after e; ô, ơ after o; ư after u, each a letter of
  its own (a < ă < â < b, d < đ < e);
- the tones only break ties, in dictionary order: none, huyền, hỏi, ngã, sắc,
  nặng ("Anh" < "Ánh" < "Bình");
- case after that, and any other script as the standard table orders it.

A list of people is sorted by the given name (the last word) first, as lists of
people are in Vietnam: "Nguyễn Văn An" under "An".
"""
from functools import cache

from pyuca import Collator

BREVE, CIRCUMFLEX, HORN = 0x0306, 0x0302, 0x031B
GRAVE, HOOK, TILDE, ACUTE, DOT_BELOW = 0x0300, 0x0309, 0x0303, 0x0301, 0x0323
TONES = (GRAVE, HOOK, TILDE, ACUTE, DOT_BELOW)  # dictionary order
# The letters of their own: a base letter and its mark, with the rank of the
# mark among the letters that follow that base (ă before â, ô before ơ).
LETTERS = {("a", BREVE): 1, ("a", CIRCUMFLEX): 2, ("e", CIRCUMFLEX): 1,
           ("o", CIRCUMFLEX): 1, ("o", HORN): 2, ("u", HORN): 1}
D_STROKE = {"đ": "d", "Đ": "D"}
# Above the primary weight of every letter of every alphabet (letters weigh less
# than 0xFB40, where the weights made for ideographs and unassigned code points
# begin): a letter of its own is its base letter followed by this weight, so
# "an" < "az" < "ăa" < "b".
LETTER_WEIGHT = 0xFC00


@cache
def _collator() -> Collator:
    """The DUCET collator with the Vietnamese tailoring, built once (about 0.2 s)."""
    collator = Collator()
    for (base, mark), rank in LETTERS.items():
        for letter in (base, base.upper()):
            _add_letter(collator, [ord(letter), mark], letter, rank)
    for letter, base in D_STROKE.items():
        _add_letter(collator, [ord(letter)], base, 1)
    _order_tones(collator)
    return collator


def _add_letter(collator: Collator, code_points: list[int], base: str, rank: int) -> None:
    elements = collator.table.find_prefix([ord(base)])[1]
    collator.table.add(code_points, [*elements, [LETTER_WEIGHT + rank, 0, 0]])


def _order_tones(collator: Collator) -> None:
    """The tone marks' secondary weights, the table's own, given in dictionary order."""
    current = {tone: collator.table.find_prefix([tone])[1][0] for tone in TONES}
    weights = sorted(element[1] for element in current.values())
    for tone, weight in zip(TONES, weights):
        primary, _, tertiary = current[tone]
        collator.table.add([tone], [[primary, weight, tertiary]])


def sort_key(text: str) -> tuple[int, ...]:
    """The key of ``text`` in Vietnamese alphabetical order."""
    return _collator().sort_key(text or "")


def person_sort_key(full_name: str) -> tuple[tuple[int, ...], ...]:
    """A person's name by the given name (the last word), then the family and
    middle names, as Vietnamese lists of people are sorted."""
    words = (full_name or "").split()
    given, rest = (words[-1], " ".join(words[:-1])) if words else ("", "")
    return sort_key(given), sort_key(rest), sort_key(full_name)
