from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.clock import now
from contest.extensions import db
from contest.types import UTCDateTime


class Topic(db.Model):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    # "national", or the province whose plans the topic's questions test (gia_lai).
    scope: Mapped[str] = mapped_column(String(32), default="national", server_default="national")


class Question(db.Model):
    """One version of a question. A version shown in an attempt is never changed:
    an edit adds a new version and retires the old one (``is_current``)."""

    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("code", "version"),
        CheckConstraint("difficulty BETWEEN 1 AND 3", name="difficulty"),
        # One current version per code.
        Index("uq_questions_current_code", "code", unique=True,
              sqlite_where=text("is_current"), postgresql_where=text("is_current")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[int] = mapped_column(default=1)
    is_current: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), index=True)
    # Copied from the topic, so the draw filters without a join.
    scope: Mapped[str] = mapped_column(String(32), default="national", server_default="national",
                                       index=True)
    # Questions testing one fact (or stating each other's key) share a group; one
    # attempt never holds two questions of a group.
    fact_group: Mapped[str | None] = mapped_column(String(64))
    difficulty: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text)
    source_document: Mapped[str] = mapped_column(String(500))
    source_part: Mapped[str] = mapped_column(String(200))
    # Code and text folded (no diacritics, lower case) for the organizers' search.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    topic: Mapped[Topic] = relationship(lazy="joined")
    options: Mapped[list["QuestionOption"]] = relationship(
        back_populates="question", order_by="QuestionOption.position",
        cascade="all, delete-orphan",
    )
    # The attempts that drew this version, named rather than imported: the quiz
    # sits above the bank. Never loaded; asked only whether a version was ever
    # shown (``loader.was_shown``), which decides a new version over an edit.
    drawn_in: Mapped[list["AttemptItem"]] = relationship(  # noqa: F821
        "AttemptItem", viewonly=True, lazy="raise")

    @property
    def correct_option(self) -> "QuestionOption":
        return next(option for option in self.options if option.is_correct)


class QuestionOption(db.Model):
    __tablename__ = "question_options"
    __table_args__ = (UniqueConstraint("question_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    is_correct: Mapped[bool] = mapped_column(default=False)

    question: Mapped[Question] = relationship(back_populates="options")


class QuestionTally(db.Model):
    """How often a question version was drawn and answered correctly in a round,
    by the score of the attempt (the score split gives the discrimination index
    without reading every attempt)."""

    __tablename__ = "question_tallies"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    total: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    score: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    drawn: Mapped[int] = mapped_column(default=0)
    correct: Mapped[int] = mapped_column(default=0)
