"""Passwords a person chooses: not among the most common, not their own numbers.

Checked wherever a person sets a password (registration, the profile page, the
forgotten-password link, ``create-admin``); the random passwords the system makes
(``accounts.services.accounts.passwords``) need no check.

- Too easy to guess: zxcvbn (Dropbox's estimator, the ``zxcvbn`` package on PyPI,
  MIT) rates fewer than 10^6 guesses (its score 0 or 1). Its lists hold the 30,000
  most common leaked passwords (with "matkhau", "anhyeuem", "123456789"…),
  keyboard runs, repeats, dates and common words with digits or capitals around
  them. 10^6 guesses at the login limit (10 failures a minute for one account) take
  about 70 days.
- The person's own numbers: a password whose digits contain their phone (with or
  without the leading 0), CCCD or date of birth (ddmmyyyy, yyyymmdd, ddmmyy, and
  without leading zeros) is refused, whatever is around them. After registration the
  CCCD is kept only as its keyed hash: every run of 12 digits is hashed and compared.
"""
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from zxcvbn import zxcvbn

from contest.accounts.rules.cccd import cccd_hash, normalize_cccd
from contest.errors import DomainError

TOO_COMMON = ("Mật khẩu này quá phổ biến hoặc quá dễ đoán. Hãy chọn mật khẩu khác, ví dụ ghép "
              "vài từ dễ nhớ với nhau và thêm chữ số.")
OWN_NUMBERS = "Mật khẩu không được chứa số điện thoại, số CCCD hoặc ngày sinh của bạn."
MIN_GUESSES_SCORE = 2  # zxcvbn's score 2: at least 10^6 guesses
ZXCVBN_MAX_LENGTH = 72  # zxcvbn refuses longer input; 72 characters are plenty to judge
# Words of this site: guessable for anyone who sees the page.
SITE_WORDS = ("cchc", "caicachhanhchinh", "cuocthi", "thitructuyen")
_NOT_DIGIT = re.compile(r"[^0-9]")


class WeakPassword(DomainError):
    message = TOO_COMMON


@dataclass(frozen=True)
class Person:
    """What a password must not be made of; each field may be unknown."""

    phone: str | None = None
    date_of_birth: date | None = None
    cccd: str | None = None          # as typed (registration)
    cccd_hash: str | None = None     # as stored (an existing account)

    @classmethod
    def of(cls, user) -> "Person":
        return cls(phone=user.phone, date_of_birth=user.date_of_birth, cccd_hash=user.cccd_hash)


def refusal(password: str, person: Person = Person()) -> str | None:
    """Why ``password`` is refused for ``person`` (a Vietnamese message), or None."""
    if _holds_own_numbers(password, person):
        return OWN_NUMBERS
    if _easy_to_guess(password):
        return TOO_COMMON
    return None


def ensure_acceptable(password: str, person: Person = Person()) -> None:
    message = refusal(password, person)
    if message:
        raise WeakPassword(message)


def _digits(text: str | None) -> str:
    return _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", text or ""))


def _holds_own_numbers(password: str, person: Person) -> bool:
    digits = _digits(password)
    if any(number in digits for number in _own_numbers(person)):
        return True
    return bool(person.cccd_hash) and any(
        cccd_hash(digits[i:i + 12]) == person.cccd_hash for i in range(len(digits) - 11))


def _own_numbers(person: Person) -> list[str]:
    numbers = []
    phone = _digits(person.phone)
    if len(phone) >= 9:
        numbers += [phone, phone.removeprefix("0")]
    cccd = _digits(normalize_cccd(person.cccd))
    if len(cccd) == 12:
        numbers.append(cccd)
    if person.date_of_birth:
        numbers += _date_forms(person.date_of_birth)
    return numbers


def _date_forms(day: date) -> list[str]:
    d, m, y = day.day, day.month, day.year
    return [f"{d:02d}{m:02d}{y}", f"{d}{m}{y}", f"{y}{m:02d}{d:02d}", f"{d:02d}{m:02d}{y % 100:02d}"]


def _easy_to_guess(password: str) -> bool:
    return zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=SITE_WORDS)["score"] < MIN_GUESSES_SCORE
