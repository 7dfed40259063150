"""Who may have which certificate, issuing one, and what it certifies.

A participation certificate goes to anyone with a submitted attempt in a round
that has closed; a prize certificate to each winner once the round's results
are published. A person only ever gets their own: the routes pass the logged-in
account, never an id from the browser. What a certificate states (name, unit,
round, result, prize) is read here, for the PDF and the public verification
page alike, from the person's best attempt (``RoundEntry``) or from the
published prize snapshot (``Award``).
"""
import unicodedata
from dataclasses import dataclass

from sqlalchemy import exists, select

from contest.certificates.models import KIND_LABELS, PARTICIPATION, PRIZE, Certificate
from contest.certificates.rules import display, new_code, normalise
from contest.clock import now
from contest.contests.models import Round
from contest.contests.queries.prize_groups import DEFAULT_GROUP_NAME
from contest.contests.rules.disclosure import is_settled
from contest.errors import Conflict, NotFound
from contest.extensions import db
from contest.formatting import duration, format_local
from contest.prizes.models import Award
from contest.rankings.models import RoundEntry
from contest.units.models import Unit
from contest.upsert import insert_for


class RoundNotClosed(Conflict):
    message = "Giấy chứng nhận chỉ được cấp sau khi đợt thi kết thúc."


class ResultsNotPublished(Conflict):
    message = "Kết quả đợt thi chưa được công bố nên chưa có giấy chứng nhận đạt giải."


class NotEligible(NotFound):
    message = "Bạn không có giấy chứng nhận này."


class UnknownCode(NotFound):
    message = ("Không tìm thấy giấy chứng nhận có mã này. Vui lòng kiểm tra lại mã in "
               "trên giấy chứng nhận.")


@dataclass(frozen=True)
class CertificateContent:
    """What a certificate states, as printed and as verified."""
    code: str          # as printed: XXXX-XXXX-XXXX-XXXX
    kind: str
    kind_label: str
    full_name: str
    unit_name: str
    round_name: str
    contest_name: str
    organizer_name: str
    prize: str | None  # "Giải Nhất — Bảng A", prize certificates only
    result: str        # "18/20 câu trả lời đúng, thời gian làm bài 5 phút 12 giây"
    issued_on: str     # dd/mm/yyyy, Asia/Ho_Chi_Minh


# --- who may have which ------------------------------------------------------

def _is_closed(round_: Round) -> bool:
    """Settled, not merely closed: a certificate states a result, which stays
    sealed while an attempt can still submit (``contests.rules.disclosure``)."""
    return is_settled(round_)


def available_kinds(user, round_: Round) -> list[str]:
    """The certificates ``user`` may download for ``round_`` (none while it is
    open: no query is made then, as the result page of an open round asks)."""
    if not _is_closed(round_):
        return []
    participated, won = db.session.execute(select(
        exists().where(RoundEntry.round_id == round_.id, RoundEntry.user_id == user.id),
        exists().where(Award.round_id == round_.id, Award.user_id == user.id),
    )).one()
    kinds = [PARTICIPATION] if participated else []
    if won and round_.results_published:
        kinds.append(PRIZE)
    return kinds


def _check_eligible(user, round_: Round, kind: str) -> None:
    if not _is_closed(round_):
        raise RoundNotClosed(f"Giấy chứng nhận được cấp sau khi {round_.name} kết thúc "
                             f"({format_local(round_.closes_at)}).")
    if kind == PRIZE and not round_.results_published:
        raise ResultsNotPublished()
    if kind not in available_kinds(user, round_):
        raise NotEligible(_not_eligible_message(kind, round_))


def _not_eligible_message(kind: str, round_: Round) -> str:
    if kind == PRIZE:
        return f"Bạn không có tên trong danh sách đạt giải của {round_.name}."
    return f"Bạn chưa có lượt thi đã nộp trong {round_.name} nên chưa có giấy chứng nhận tham gia."


# --- issuing -----------------------------------------------------------------

def issue(user, round_: Round, kind: str) -> Certificate:
    """The person's certificate of ``kind`` for the round, created with a new
    random code on the first download (two downloads at once get the same one:
    the unique (person, round, kind) decides)."""
    _check_eligible(user, round_, kind)
    certificate = _own_certificate(user.id, round_.id, kind)
    if certificate is None:
        db.session.execute(
            insert_for(Certificate)
            .values(code=new_code(), user_id=user.id, round_id=round_.id, kind=kind,
                    issued_at=now())
            .on_conflict_do_nothing(index_elements=["user_id", "round_id", "kind"]))
        certificate = _own_certificate(user.id, round_.id, kind)
    return certificate


def _own_certificate(user_id: int, round_id: int, kind: str) -> Certificate | None:
    return db.session.scalar(select(Certificate).where(
        Certificate.user_id == user_id, Certificate.round_id == round_id,
        Certificate.kind == kind))


def find(typed_code: str) -> Certificate:
    """A certificate by the code printed on it; 404 for anything else."""
    code = normalise(typed_code)
    certificate = code and db.session.scalar(select(Certificate).where(Certificate.code == code))
    if not certificate:
        raise UnknownCode()
    return certificate


# --- what it states ------------------------------------------------------------

def content_of(certificate: Certificate) -> CertificateContent:
    """What the certificate states, read now; 404 when what it certified is no
    longer there (the attempt or the published prize)."""
    round_ = certificate.round
    if certificate.kind == PRIZE:
        return _prize_content(certificate, round_)
    entry = db.session.get(RoundEntry, (round_.id, certificate.user_id))
    if entry is None:
        raise UnknownCode()
    unit_name = db.session.scalar(select(Unit.name).where(Unit.id == entry.unit_id))
    return _content(certificate, round_, full_name=certificate.user.full_name,
                    unit_name=unit_name, prize=None,
                    result=score_text(entry.score, entry.total, entry.duration_ms))


def _prize_content(certificate: Certificate, round_: Round) -> CertificateContent:
    award = db.session.scalar(select(Award).where(Award.round_id == round_.id,
                                                  Award.user_id == certificate.user_id))
    if award is None or not round_.results_published:
        raise UnknownCode()
    result = f"{score_text(award.score, award.total, award.duration_ms)}, xếp hạng {award.rank}"
    return _content(certificate, round_, full_name=award.full_name, unit_name=award.unit_name,
                    prize=prize_text(award), result=result)


def _content(certificate: Certificate, round_: Round, **fields: str | None) -> CertificateContent:
    contest = round_.contest
    texts = dict(fields, round_name=round_.name, contest_name=contest.name,
                 organizer_name=contest.organizer_name)
    return CertificateContent(
        code=display(certificate.code), kind=certificate.kind,
        kind_label=KIND_LABELS[certificate.kind],
        issued_on=format_local(certificate.issued_at, "%d/%m/%Y"),
        **{name: _nfc(value) for name, value in texts.items()},
    )


def _nfc(text: str | None) -> str | None:
    """Vietnamese typed as base letters plus combining marks, composed: the PDF
    draws precomposed letters (and text read back from it compares equal)."""
    return unicodedata.normalize("NFC", text) if text is not None else None


def score_text(score: int, total: int, duration_ms: int) -> str:
    return f"{score}/{total} câu trả lời đúng, thời gian làm bài {duration(duration_ms)}"


def prize_text(award: Award) -> str:
    """'Giải Nhất', with the prize group when the contest has groups of its own."""
    if award.group_name == DEFAULT_GROUP_NAME:
        return award.prize_label
    return f"{award.prize_label} — {award.group_name}"
