"""Everything stored about one person, for "Tải dữ liệu của tôi": account fields,
attempts with the answers chosen, certificates, consents, deletion request.

Whether an answer was right is left out: before a round's review opens that would
hand out the answer key; the score of each attempt is in."""
import json

from sqlalchemy import select

from contest.accounts.models import GENDERS, ROLE_LABELS, User
from contest.accounts.services.consent import CONSENT_VERSION
from contest.audiences import AUDIENCES
from contest.certificates.models import Certificate
from contest.clock import now
from contest.extensions import db
from contest.privacy.services.requests import consents_of, deletion_request_of
from contest.quiz.models import Attempt
from contest.quiz.queries.attempts import items_with_questions


def _time(moment) -> str | None:
    return moment.isoformat() if moment else None


def account_fields(user: User) -> dict:
    return {
        "ma_tai_khoan": user.id, "ho_va_ten": user.full_name,
        "ngay_sinh": user.date_of_birth.isoformat(), "gioi_tinh": GENDERS[user.gender],
        "so_dien_thoai": user.phone, "email": user.email,
        "cccd_4_so_cuoi": user.cccd_last4, "doi_tuong": AUDIENCES[user.audience],
        "don_vi": {"ma": user.unit.code, "ten": user.unit.name},
        "vai_tro": ROLE_LABELS[user.role], "tao_luc": _time(user.created_at),
        "thoi_gian_lam_bai_phan_tram": user.time_limit_percent,
    }


def _answers(attempt: Attempt) -> list[dict]:
    answers = []
    for item in items_with_questions(attempt.id):
        chosen = next((option.text for option in item.question.options
                       if option.id == item.chosen_option_id), None)
        answers.append({"cau": item.position, "ma_cau_hoi": item.question.code,
                        "cau_hoi": item.question.text, "cau_tra_loi": chosen,
                        "luu_luc": _time(item.saved_at)})
    return answers


def attempts_of(user: User) -> list[dict]:
    attempts = db.session.scalars(select(Attempt).where(Attempt.user_id == user.id)
                                  .order_by(Attempt.started_at, Attempt.id))
    return [{
        "dot_thi": attempt.round.name, "cuoc_thi": attempt.round.contest.name,
        "luot": attempt.number, "trang_thai": attempt.status,
        "bat_dau": _time(attempt.started_at), "nop_bai": _time(attempt.submitted_at),
        "so_cau_dung": attempt.score, "tong_so_cau": attempt.total,
        "thoi_gian_ms": attempt.duration_ms, "du_doan": attempt.prediction,
        "dia_chi_ip": attempt.started_ip, "cau_tra_loi": _answers(attempt),
    } for attempt in attempts]


def certificates_of(user: User) -> list[dict]:
    rows = db.session.scalars(select(Certificate).where(Certificate.user_id == user.id)
                              .order_by(Certificate.issued_at))
    return [{"ma": c.code, "dot_thi": c.round.name, "loai": c.kind, "cap_luc": _time(c.issued_at)}
            for c in rows]


def my_data(user: User) -> dict:
    request = deletion_request_of(user)
    return {
        "tao_luc": _time(now()),
        "tai_khoan": account_fields(user),
        "luot_thi": attempts_of(user),
        "giay_chung_nhan": certificates_of(user),
        "dong_y": [{"phien_ban": c.version, "dong_y_luc": _time(c.given_at),
                    "rut_lai_luc": _time(c.withdrawn_at)} for c in consents_of(user)],
        "phien_ban_noi_dung_dong_y_hien_hanh": CONSENT_VERSION,
        "yeu_cau_xoa": None if request is None else {
            "gui_luc": _time(request.requested_at), "ly_do": request.reason,
            "da_thuc_hien_luc": _time(request.carried_out_at)},
    }


def my_data_json(user: User) -> bytes:
    return json.dumps(my_data(user), ensure_ascii=False, indent=2).encode()
