"""Organizer pages for the question bank."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from contest.access import organizer_required
from contest.bank.forms import ImportForm, QuestionForm
from contest.bank.queries import questions as queries
from contest.bank.queries.statistics import question_statistics
from contest.bank.services import questions as services
from contest.bank.services.shipped import load_shipped_bank
from contest.caching import cached_figures
from contest.downloads import send_xlsx
from contest.errors import NotFound
from contest.forms import CsrfForm
from contest.ids import MAX_ID
from contest.paging import page_arg, paged
from contest.parsing import whole_number

bp = Blueprint("bank", __name__, url_prefix="/quan-tri/cau-hoi")
STATS_PER_PAGE = 100


@bp.route("/")
@organizer_required
def index():
    filters = queries.BankFilter.from_args(request.args)
    return render_template(
        "bank/list.html", pagination=queries.page_of_questions(filters, page_arg("page")),
        filters=filters, topics=queries.topics(), toggle_form=CsrfForm(),
    )


@bp.route("/<code>")
@organizer_required
def preview(code: str):
    versions = queries.versions_of(code)
    if not versions:
        raise NotFound(services.QUESTION_NOT_FOUND)
    wanted = whole_number(request.args.get("version", ""), MAX_ID)
    question = next((v for v in versions if v.version == wanted), None) if wanted else None
    question = question or next((v for v in versions if v.is_current), versions[0])
    return render_template("bank/preview.html", question=question, versions=versions,
                           toggle_form=CsrfForm())


def _topic_choices(form: QuestionForm) -> None:
    form.topic.choices = [("", "— Chọn —")] + [(t.key, f"{t.key} — {t.title}") for t in queries.topics()]


@bp.route("/moi", methods=["GET", "POST"])
@organizer_required
def create():
    form = QuestionForm()
    _topic_choices(form)
    if _submitted_and_valid(form):
        question = services.create_question(form.record(), current_user)
        flash(f"Đã thêm câu hỏi {question.code}.", "success")
        return redirect(url_for("bank.preview", code=question.code))
    return _form_page(form, None)


@bp.route("/<code>/sua", methods=["GET", "POST"])
@organizer_required
def edit(code: str):
    question = services.get_current(code)
    form = QuestionForm(obj=None) if request.method == "POST" else _filled_form(question)
    _topic_choices(form)
    form.code.data = question.code
    if _submitted_and_valid(form):
        saved = services.edit_question(code, form.record(), current_user)
        note = " (tạo phiên bản mới, các lượt thi cũ giữ nguyên câu đã hỏi)" if saved.version > question.version else ""
        flash(f"Đã lưu câu hỏi {code}{note}.", "success")
        return redirect(url_for("bank.preview", code=code))
    return _form_page(form, question)


def _submitted_and_valid(form: QuestionForm) -> bool:
    """Both the form's and the bank's rules, every error shown at once."""
    if not form.is_submitted():
        return False
    form_ok = form.validate_on_submit()
    return form.validate_question_rules() and form_ok


def _filled_form(question) -> QuestionForm:
    record = services.question_record(question)
    form = QuestionForm(data={
        "code": record.code, "topic": record.topic, "difficulty": str(record.difficulty),
        "question": record.question, "correct": str(record.correct),
        "explanation": record.explanation, "source_document": record.source_document,
        "source_part": record.source_part, "group": record.group,
        **{f"option_{i}": text for i, text in enumerate(record.options, start=1)},
    })
    return form


def _form_page(form, question):
    status = 422 if form.is_submitted() else 200
    return render_template("bank/form.html", form=form, question=question), status


@bp.route("/<code>/an-hien", methods=["POST"])
@organizer_required
def toggle(code: str):
    if not CsrfForm().validate_on_submit():
        flash("Phiên làm việc đã hết hạn, vui lòng thử lại.", "danger")
        return redirect(url_for("bank.preview", code=code))
    question = services.get_current(code)
    services.set_active(code, not question.active, current_user)
    flash(f"Đã {'hiện' if question.active else 'ẩn'} câu hỏi {code}.", "success")
    return redirect(request.referrer if _same_site(request.referrer) else url_for("bank.index"))


def _same_site(url: str | None) -> bool:
    return bool(url) and url.startswith(request.host_url)


@bp.route("/nap-ngan-hang-co-san", methods=["POST"])
@organizer_required
def load_shipped():
    """Load (or bring up to date) the bank shipped with the platform."""
    if not CsrfForm().validate_on_submit():
        flash("Phiên làm việc đã hết hạn. Vui lòng thử lại.", "danger")
        return redirect(url_for("bank.index")), 400
    report = load_shipped_bank(current_user)
    flash(f"Đã nạp ngân hàng câu hỏi đi kèm: {len(report.created)} câu mới, "
          f"{len(report.updated)} câu sửa, {len(report.new_versions)} phiên bản mới, "
          f"{report.unchanged} câu không đổi.", "success")
    return redirect(url_for("bank.index"))


@bp.route("/nhap-excel", methods=["GET", "POST"])
@organizer_required
def import_excel():
    form = ImportForm()
    errors = []
    if form.validate_on_submit():
        upload = form.file.data
        rows, errors = services.validate_workbook(upload.read())
        if not errors:
            report = services.import_records(rows, current_user, upload.filename)
            flash(f"Đã nhập {len(rows)} dòng: {len(report.created)} câu mới, "
                  f"{len(report.updated) + len(report.new_versions)} câu cập nhật, "
                  f"{report.unchanged} câu không đổi.", "success")
            return redirect(url_for("bank.index"))
    status = 422 if form.is_submitted() else 200
    return render_template("bank/import.html", form=form, errors=errors), status


@bp.route("/mau.xlsx")
@organizer_required
def template():
    return send_xlsx(services.bank_workbook(current_user, with_questions=False),
                     "mau-ngan-hang-cau-hoi.xlsx")


@bp.route("/ngan-hang.xlsx")
@organizer_required
def export():
    return send_xlsx(services.bank_workbook(current_user, with_questions=True),
                     "ngan-hang-cau-hoi.xlsx")


@bp.route("/thong-ke")
@organizer_required
def statistics():
    flagged_only = request.args.get("flagged") == "1"
    page = page_arg("trang")
    body, _ = cached_figures(f"question-statistics:{int(flagged_only)}:{page}",
                             lambda: _statistics_body(flagged_only, page))
    return render_template("bank/statistics.html", body=body)


def _statistics_body(flagged_only: bool, page: int) -> str:
    """The page's content, rendered once per cache period (it is the same for
    every organizer)."""
    stats, read_at = cached_figures("question-statistics", question_statistics)
    shown = [s for s in stats if s.flags] if flagged_only else stats
    return render_template("bank/_statistics_body.html", page=paged(shown, page, STATS_PER_PAGE),
                           total=len(stats), read_at=read_at,
                           flagged=sum(1 for s in stats if s.flags), flagged_only=flagged_only)
