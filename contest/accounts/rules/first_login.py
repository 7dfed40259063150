"""A password an organizer gave (bulk creation, a reset by the organizer) is the
person's until they choose their own: while ``User.must_change_password`` is
set, every request but those below is sent to the profile page, whose password
form clears it (``contest.site.hooks.send_to_password_change``).

Left through: the profile page and its password form, logging out, health
checks, and the static files and site images a page loads on its own.
"""
MUST_CHANGE_PASSWORD = ("Bạn đang dùng mật khẩu do Ban Tổ chức cấp. Vui lòng đặt mật khẩu "
                        "của riêng bạn để tiếp tục.")
OPEN_ENDPOINTS = frozenset({
    "profile.show", "profile.change_password", "accounts.logout",
    "static", "contests.favicon", "contests.logo",
})
OPEN_BLUEPRINTS = frozenset({"health"})


def held_back(user, endpoint: str | None, blueprint: str | None) -> bool:
    """True when ``user`` must choose a password before reaching ``endpoint``."""
    if not (user.is_authenticated and getattr(user, "must_change_password", False)):
        return False
    return endpoint not in OPEN_ENDPOINTS and blueprint not in OPEN_BLUEPRINTS
