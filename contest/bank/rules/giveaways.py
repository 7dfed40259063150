"""Give-aways: a stem or an option of one question that tells the key of another
question that can share an attempt with it (same scope or one of them national,
never two of one fact group). A contestant who meets both answers the second for
free, so `bank check` refuses four kinds:

1. a stem that states another question's telling key (four words or more, or a
   date or document number of six characters or more);
2. a stem or option that pairs another question's key with the term that question
   asks about: "Chỉ số công khai ngân sách (POPI)" tells "POPI là tên viết tắt của
   chỉ số nào?" (key "Chỉ số công khai ngân sách tỉnh"). The term is a name (a
   word with two capitals or more: POPI, VNeID) in the other stem that none of
   its options holds; names that many questions use (CCHC, UBND) are the bank's
   context, not a term;
3. a name spelled out in brackets, "meaning (NAME)", that answers the other
   question either way round: "Chỉ số chuyển đổi số (DTI)" tells "Chỉ số đánh giá
   mức độ chuyển đổi số … có tên viết tắt là gì?", and "Chỉ số cải cách hành chính
   (PAR INDEX) trung bình…" tells "PAR INDEX là tên viết tắt của chỉ số nào?";
4. a stem that names another question's key when that key is a name ("VNeID",
   "Chỉ số DTI"), both cite the same document and the stem names none of the
   other's distractors: a question on a plan asks what the plan says, and a stem
   saying what the plan says tells it ("… thẻ Căn cước công dân gắn chip và VNeID"
   tells "… tuyên truyền trực quan … và ứng dụng nào?"). A one-word key is never
   telling by (1), which is why the first rule missed these. A common phrase
   ("Sở Nội vụ", "cấp xã") runs through every plan and points at nothing.

An option that merely equals another question's key tells nothing (a distractor
is a wrong answer to its own question), so options are read only for pairs (2, 3).
"""
import math
import re
from collections import Counter
from dataclasses import dataclass

from contest.bank.formats.records import QuestionRecord, can_meet, key_of, same_group
from contest.bank.rules.similarity import COMMON_WORDS
from contest.text import fold, normalise_text

GIVEAWAY_MIN_WORDS, GIVEAWAY_MIN_NUMBER_CHARS = 4, 6
SPELLED_SHARE = 3 / 4         # of a key's words, in a row: "cấp tỉnh" may be left off
MEANING_SHARE = 1 / 2         # more than half of a bracketed meaning's words
COMMON_NAME_MIN_QUESTIONS = 20
COMMON_NAME_SHARE = 1 / 20    # a name more questions use than this is context
SHORT_KEY_WORDS = 3           # "DTI", "Chỉ số DTI": a key that is a name
_ROMAN = re.compile(r"^[IVXLC]+$")
_NAME_CHUNK = re.compile(r"[^\s,;:()“”\"'.?!«»]+")
_BRACKETED = re.compile(r"([^(),;:]+)\(([^()]+)\)")
_HINT = "sửa câu hỏi, phương án hoặc đưa hai câu vào cùng một nhóm (group)"


@dataclass(frozen=True)
class Giveaway:
    teller: QuestionRecord
    told: QuestionRecord
    message: str


def words(text: str) -> tuple[str, ...]:
    """Folded words: "Chỉ số (POPI)" -> ("chi", "so", "popi")."""
    return tuple(re.findall(r"[a-z0-9]+", fold(text)))


def holds(text_words: tuple[str, ...], part: tuple[str, ...], at_least: int | None = None) -> bool:
    """``text_words`` hold ``at_least`` (default: all) of ``part``'s words in a row."""
    size = len(part) if at_least is None else at_least
    if not part or size > len(text_words):
        return False
    runs = {part[i:i + size] for i in range(len(part) - size + 1)}
    return any(text_words[i:i + size] in runs for i in range(len(text_words) - size + 1))


def written_names(text: str) -> dict[str, str]:
    """Words written with two capitals or more (POPI, VNeID, PAR INDEX's two words),
    folded -> as written; Roman numerals and document numbers ("76/NQ-CP") are not names."""
    return {fold(chunk): chunk for chunk in _NAME_CHUNK.findall(text)
            if "/" not in chunk and not _ROMAN.match(chunk)
            and sum(ch.isupper() for ch in chunk) >= 2}


def names(text: str) -> frozenset[str]:
    return frozenset(written_names(text))


def _content(text_words) -> set[str]:
    return {word for word in text_words if len(word) > 1 and word not in COMMON_WORDS}


def telling(key: str) -> bool:
    """A key worth looking for in other stems as it stands (kind 1)."""
    return len(key.split()) >= GIVEAWAY_MIN_WORDS or (
        any(ch.isdigit() for ch in key) and len(key) >= GIVEAWAY_MIN_NUMBER_CHARS)


@dataclass(frozen=True)
class _Bracketed:
    """"meaning (NAME)": the name as written and its words, the meaning's content words."""
    name: str
    named: tuple[str, ...]
    meant: set[str]


def bracketed(text: str) -> list[_Bracketed]:
    found = [_Bracketed(match.group(2).strip(), words(match.group(2)), _content(words(match.group(1))))
             for match in _BRACKETED.finditer(text) if names(match.group(2))]
    return [pair for pair in found if pair.meant]


@dataclass(frozen=True)
class _Text:
    """A stem or an option, read once: where it is (for the message), its words and names."""
    where: str
    words: tuple[str, ...]
    names: frozenset[str]
    bracketed: list[_Bracketed]


def _read(where: str, text: str) -> _Text:
    return _Text(where, words(text), names(text), bracketed(text))


class _Question:
    """One question as a teller (its texts) and as the told (its key and what it asks)."""

    def __init__(self, record: QuestionRecord, common_names: set[str]):
        self.record, self.key = record, key_of(record)
        self.stem = _read("câu hỏi", record.question)
        self.texts = [self.stem] + [_read(f"phương án «{option}»", option)
                                    for option in record.options]
        self.names = frozenset().union(*(text.names for text in self.texts))
        self.has_brackets = any(text.bracketed for text in self.texts)
        self.key_words = words(self.key)
        self.key_content, self.stem_content = _content(self.key_words), _content(self.stem.words)
        self.spelled_size = math.ceil(len(self.key_words) * SPELLED_SHARE)
        self.distractors = [words(option) for position, option in enumerate(record.options, 1)
                            if position != record.correct]
        self.terms = self._terms(common_names)
        self.is_name = bool(names(self.key)) and len(self.key_words) <= SHORT_KEY_WORDS
        self.telling = telling(self.key)
        self.source = fold(record.source_document)
        self.normalised_stem, self.normalised_key = (normalise_text(record.question),
                                                     normalise_text(self.key))

    def _terms(self, common_names: set[str]) -> dict[str, str]:
        """Names the stem asks about: in no option, not the bank's context."""
        held = set().union(*(words(option) for option in self.record.options))
        return {folded: written for folded, written in written_names(self.record.question).items()
                if folded not in common_names and not set(words(folded)) <= held}


def _common_names(records: list[QuestionRecord]) -> set[str]:
    used = Counter(name for record in records
                   for name in names(" ".join((record.question, *record.options))))
    limit = max(COMMON_NAME_MIN_QUESTIONS, len(records) * COMMON_NAME_SHARE)
    return {name for name, count in used.items() if count > limit}


def _stated_key(teller: _Question, told: _Question) -> str | None:
    """Kind 1: the stem holds the told question's telling key."""
    if told.telling and told.normalised_key in teller.normalised_stem:
        return (f"câu hỏi chứa đáp án đúng của câu {told.record.code} («{told.key}»): "
                "sửa câu hỏi hoặc đưa hai câu vào cùng một nhóm (group)")
    return None


def _same_source(teller: _Question, told: _Question) -> str | None:
    """Kind 4: the stem names the told key (a name), none of its distractors, from the same document."""
    stem = teller.stem.words
    if (told.is_name and teller.source == told.source and holds(stem, told.key_words)
            and not any(holds(stem, distractor) for distractor in told.distractors)):
        return (f"câu hỏi nêu đáp án đúng của câu {told.record.code} («{told.key}») theo cùng "
                f"văn bản nguồn: {_HINT}")
    return None


def _paired_term(text: _Text, told: _Question) -> str | None:
    """Kind 2: the text spells the told key next to a term the told question asks about."""
    terms = sorted(told.terms.keys() & text.names)
    if terms and holds(text.words, told.key_words, told.spelled_size):
        return (f"{text.where} ghép đáp án đúng của câu {told.record.code} («{told.key}») với "
                f"«{told.terms[terms[0]]}» mà câu đó hỏi: {_HINT}")
    return None


def _spelled_name(text: _Text, told: _Question) -> str | None:
    """Kind 3: "meaning (NAME)" answering the told question either way round: NAME is
    its key and the meaning what its stem asks, or NAME is what it asks and the
    meaning its key."""
    for pair in text.bracketed:
        asks_meaning = (told.is_name and holds(told.key_words, pair.named)
                        and _mostly(pair.meant, told.stem_content))
        asks_name = bool(names(pair.name) & told.terms.keys()) and _mostly(pair.meant, told.key_content)
        if asks_meaning or asks_name:
            return (f"{text.where} viết rõ «{pair.name}» là gì, lộ đáp án đúng của câu "
                    f"{told.record.code} («{told.key}»): {_HINT}")
    return None


def _mostly(part: set[str], whole: set[str]) -> bool:
    return len(part & whole) > len(part) * MEANING_SHARE


def _tells(teller: _Question, told: _Question) -> str | None:
    """The first way ``teller`` tells ``told``'s key, if any."""
    found = _stated_key(teller, told) or _same_source(teller, told)
    if found or not (teller.has_brackets or teller.names & told.terms.keys()):
        return found
    for text in teller.texts:
        found = found or _paired_term(text, told) or _spelled_name(text, told)
    return found


def giveaways(records: list[QuestionRecord]) -> list[Giveaway]:
    """Every (teller, told) pair of questions that can share an attempt, with how."""
    common = _common_names(records)
    questions = [_Question(record, common) for record in records]
    found = []
    for teller in questions:
        for told in questions:
            first, second = teller.record, told.record
            if first.code == second.code or not can_meet(first, second) or same_group(first, second):
                continue
            message = _tells(teller, told)
            if message:
                found.append(Giveaway(first, second, message))
    return found
