from sqlalchemy import CheckConstraint, String, true
from sqlalchemy.orm import Mapped, mapped_column

from contest.extensions import db

# The kinds of the units people register under, ranked and counted in public:
# every public list, ranking and count reads only these (``units.queries.IS_PUBLIC``).
UNIT_KINDS = {
    "agency": "Sở, ban, ngành",
    "commune": "Xã, phường",
    "public_service": "Đơn vị sự nghiệp công lập",
}
# An internal unit: the organizers' own ("Ban Tổ chức", made by ``create-admin``),
# never offered at registration, ranked or counted.
ORGANIZER_KIND = "organizer"
KIND_LABELS = {**UNIT_KINDS, ORGANIZER_KIND: "Ban Tổ chức (nội bộ)"}


class Unit(db.Model):
    __tablename__ = "units"
    __table_args__ = (
        CheckConstraint("kind IN ('agency', 'commune', 'public_service', 'organizer')",
                        name="kind"),
        CheckConstraint("headcount IS NULL OR headcount >= 0", name="headcount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_folded: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    headcount: Mapped[int | None]
    # A deactivated unit keeps its history but takes no new registrations.
    active: Mapped[bool] = mapped_column(default=True, server_default=true())

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def internal(self) -> bool:
        return self.kind == ORGANIZER_KIND
