from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.accounts.models import User
from contest.clock import now
from contest.contests.models import Round
from contest.extensions import db
from contest.types import UTCDateTime

# Kinds of certificate, with the title a reader sees and the slug of its URL.
PARTICIPATION = "participation"
PRIZE = "prize"
KIND_LABELS = {
    PARTICIPATION: "Giấy chứng nhận tham gia",
    PRIZE: "Giấy chứng nhận đạt giải",
}
KIND_SLUGS = {PARTICIPATION: "tham-gia", PRIZE: "dat-giai"}


class Certificate(db.Model):
    """A certificate handed to a person for a round, created on its first
    download: a random code the QR code points to, and the date it was issued.

    What it certifies (name, unit, result, prize) is read from the attempts and
    the published prizes whenever it is printed or verified, so the paper and
    the verification page always agree and no personal data is copied here.
    """

    __tablename__ = "certificates"
    __table_args__ = (
        UniqueConstraint("user_id", "round_id", "kind"),
        CheckConstraint("kind IN ('participation', 'prize')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    # A certificate goes with its person when their account is deleted.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    user: Mapped[User] = relationship()
    round: Mapped[Round] = relationship()

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]
