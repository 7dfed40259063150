"""Registration that does not tell a stranger whether a CCCD or an e-mail has an account.

The form never checks them against other accounts: a failing form answers the same
for a used and a fresh value. Only once everything else is valid is the account
made; a CCCD or e-mail another account already has is then left out of it (the
unique constraints stay the last guard) and the person, now holding an account, is
told what to do, without a word about the other account. The phone is the login
and stays unique: a used phone is refused before anything is made.

Both are optional and neither is used for prizes or eligibility (prizes go by name,
date of birth and unit), so an account without them takes part fully; the e-mail can
be added on the profile page, the CCCD conflict is sorted out by the organizer.
"""
from dataclasses import dataclass

from contest.accounts.models import User
from contest.accounts.rules.cccd import cccd_hash, normalize_cccd
from contest.accounts.services.accounts import DuplicateAccount, register_user, used_by_another

# Two registrations at once with the same CCCD or e-mail: the second one's insert hits
# the unique constraint, then sees the value taken and is made without it.
ATTEMPTS = 3

LEFT_OUT_MESSAGES = {
    "cccd": ("Tài khoản đã được tạo, nhưng số CCCD bạn nhập chưa được gắn vào tài khoản. "
             "Vui lòng liên hệ Ban Tổ chức để được hỗ trợ."),
    "email": ("Tài khoản đã được tạo, nhưng email bạn nhập chưa được gắn vào tài khoản. Bạn có "
              "thể thêm một email khác ở trang Hồ sơ, hoặc liên hệ Ban Tổ chức để được hỗ trợ."),
}


class PhoneTaken(DuplicateAccount):
    """The phone is the login: one account per phone, and saying so is accepted."""


@dataclass(frozen=True)
class Registration:
    user: User
    left_out: tuple[str, ...]  # "cccd", "email": typed, but another account has them

    def messages(self) -> list[str]:
        """What the person is told once the account is made."""
        return [LEFT_OUT_MESSAGES[name] for name in self.left_out]


def register(*, phone: str, email: str | None, cccd: str | None, **details) -> Registration:
    """Make the account for a valid form, leaving out a CCCD or e-mail that is
    another account's; ``PhoneTaken`` when the phone is (a race the form lost)."""
    for _ in range(ATTEMPTS):
        left_out = _used_elsewhere(email, cccd)
        try:
            user = register_user(phone=phone, email=None if "email" in left_out else email,
                                 cccd=None if "cccd" in left_out else cccd,
                                 left_out=left_out, **details)
        except DuplicateAccount as error:
            if used_by_another(User.phone, phone):
                raise PhoneTaken() from error
            continue  # a CCCD or e-mail taken meanwhile: seen on the next turn
        return Registration(user, left_out)
    raise DuplicateAccount()


def _used_elsewhere(email: str | None, cccd: str | None) -> tuple[str, ...]:
    number = normalize_cccd(cccd)
    used = {"cccd": bool(number) and used_by_another(User.cccd_hash, cccd_hash(number)),
            "email": bool(email) and used_by_another(User.email, email)}
    return tuple(name for name, taken in used.items() if taken)
