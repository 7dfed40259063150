"""Forms of the organizer console: contest, logo, prize group, round, lifecycle."""
from datetime import datetime

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, Field, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.utils import unset_value
from wtforms.validators import (
    DataRequired, InputRequired, Length, NumberRange, Optional, StopValidation, ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from contest.admin.services.lifecycle import EXTEND_REASON_MISSING
from contest.admin.services.prize_groups import GroupSettings
from contest.admin.services.rounds import (
    DIFFICULTIES, RoundSettings, clean_mix, join_topics, prediction_text,
)
from contest.admin.services.settings import MAX_MIN_SCORE, MIN_SCORE_RANGE, ContestSettings
from contest.audiences import AUDIENCES
from contest.clock import local_to_utc
from contest.contests.models import PREDICTION_KINDS, PRIZES, REVIEW_AFTER
from contest.contests.rules.scopes import (
    NATIONAL, contest_scopes, join_scopes, scope_choices, topic_choices,
)
from contest.formatting import format_local
from contest.forms import ChoiceField, VietnameseIntegerField, clean, clean_lines
from contest.key_lists import keys_of
from contest.parsing import YEARS, parse_moment, whole_number
from contest.reasons import reason_field

TIME_FORMATS = ("%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M")
CHOOSE_FROM_LIST = "Vui lòng chọn một giá trị trong danh sách."
SESSION_EXPIRED = "Phiên làm việc đã hết hạn. Vui lòng tải lại trang và thử lại."


class LocalDateTimeField(Field):
    """A time entered as dd/mm/yyyy HH:MM in Asia/Ho_Chi_Minh; ``data`` is UTC."""

    widget = TextInput()

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_local(self.data) if isinstance(self.data, datetime) else ""

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not raw:
            return
        typed = parse_moment(raw, TIME_FORMATS)  # in YEARS: year 1 cannot be turned into UTC
        if typed is None:
            raise ValueError("Thời gian không hợp lệ (dạng dd/mm/yyyy HH:MM, ví dụ 01/12/2026 08:00). "
                             f"Năm phải từ {YEARS.start} đến {YEARS.stop - 1}.")
        self.data = local_to_utc(typed)


class CheckboxesField(SelectMultipleField):
    """Several choices ticked; an unknown value gets a Vietnamese message."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        known = {value for value, _ in self.choices}
        if any(value not in known for value in self.data or ()):
            raise ValidationError(CHOOSE_FROM_LIST)


class KeyListField(CheckboxesField):
    """Checkboxes stored as comma-separated keys ("national,gia_lai")."""

    def process_data(self, value):
        super().process_data(list(keys_of(value)) if isinstance(value, str) else value)


def _count_of(text: str, maximum: int) -> int | None:
    """An input's count: 0 when empty, None when not a whole number up to ``maximum``."""
    return whole_number(text, maximum) if text else 0


class MixField(Field):
    """A count per choice, one input each, named ``<name>-<key>``: ``data`` is
    {key: count} without the empty and zero inputs. The page sets ``choices``."""

    MAX = 200

    def __init__(self, label=None, validators=None, choices=(), **kwargs):
        super().__init__(label, validators, **kwargs)
        self.choices, self.raw = list(choices), {}

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors, self.raw = [], {}
        self.data = clean_mix(data if isinstance(data, dict) else None) or {}
        if formdata is None:
            return
        prefix = f"{self.name}-"
        self.raw = {name[len(prefix):]: (formdata.get(name) or "").strip()
                    for name in formdata if name.startswith(prefix)}
        self.data = {}
        for key, text in self.raw.items():
            count = _count_of(text, self.MAX)
            if count is None:
                self._refuse(f"Số câu phải là số nguyên từ 0 đến {self.MAX}.")
            elif count:
                self.data[key] = count

    def _refuse(self, message: str) -> None:
        if message not in self.process_errors:
            self.process_errors.append(message)

    def pre_validate(self, form):
        if set(self.data) - {key for key, _ in self.choices}:
            raise ValidationError(CHOOSE_FROM_LIST)

    def value_of(self, key: str) -> str:
        """What the input of ``key`` shows: what was typed, else the stored count."""
        if self.raw:
            return self.raw.get(key, "")
        return str(self.data.get(key) or "")


class RadioChoiceField(RadioField):
    def pre_validate(self, form):
        if self.data not in {value for value, _ in self.choices}:
            raise ValidationError(CHOOSE_FROM_LIST)


def _count(label: str, low: int, high: int):
    return VietnameseIntegerField(label, validators=[
        InputRequired(f"Vui lòng nhập {label.lower()}."),
        NumberRange(low, high, f"{label} phải từ {low} đến {high}."),
    ])


class TimeRequired(InputRequired):
    """A time must be typed: spaces alone are no time (``InputRequired`` would let
    them through with no time at all)."""

    def __call__(self, form, field):
        if field.data is None and not field.process_errors:
            field.errors[:] = []
            raise StopValidation(self.message)
        super().__call__(form, field)


def _time(label: str, required: bool = True):
    first = TimeRequired(f"Vui lòng nhập {label.lower()}.") if required else Optional()
    return LocalDateTimeField(label, validators=[first])


class ContestForm(FlaskForm):
    name = StringField("Tên cuộc thi", filters=[clean], validators=[
        DataRequired("Vui lòng nhập tên cuộc thi."), Length(max=300, message="Tối đa 300 ký tự.")])
    description = TextAreaField("Giới thiệu ngắn", filters=[clean_lines])
    rules = TextAreaField("Thể lệ (Markdown)", filters=[clean_lines])
    starts_at = _time("Bắt đầu", required=False)
    ends_at = _time("Kết thúc", required=False)
    organizer_name = StringField("Cơ quan tổ chức", filters=[clean], validators=[
        DataRequired("Vui lòng nhập tên cơ quan tổ chức."),
        Length(max=200, message="Tối đa 200 ký tự.")])
    contact_line = StringField("Dòng liên hệ", filters=[clean], validators=[
        Length(max=300, message="Tối đa 300 ký tự.")])
    prediction_kind = ChoiceField("Câu hỏi dự đoán mặc định cho đợt thi mới",
                                  choices=list(PREDICTION_KINDS.items()))
    review_after = RadioChoiceField("Công bố đáp án và giải thích",
                                    choices=list(REVIEW_AFTER.items()), default="contest")
    unit_min_rate = VietnameseIntegerField("Tỷ lệ tham gia tối thiểu để xét giải tập thể (%)",
                                           validators=[Optional(), NumberRange(
                                               0, 100, "Tỷ lệ tối thiểu phải từ 0 đến 100 (%%).")])
    prize_min_score = VietnameseIntegerField("Điểm tối thiểu để xét giải (số câu đúng)",
                                             validators=[Optional(), NumberRange(
                                                 0, MAX_MIN_SCORE, MIN_SCORE_RANGE)])
    prizes_exclude_staff = BooleanField("Không xét giải cá nhân cho tài khoản Ban Tổ chức, "
                                        "quản trị và lãnh đạo đơn vị", default=True)
    one_prize_per_person = BooleanField("Mỗi người nhận tối đa một giải cá nhân trong toàn "
                                        "cuộc thi")
    question_scopes = KeyListField("Phạm vi câu hỏi", choices=[], default=[NATIONAL])

    def validate_question_scopes(self, field):
        if not field.data:
            raise ValidationError("Vui lòng chọn ít nhất một phạm vi câu hỏi.")

    def settings(self) -> ContestSettings:
        return ContestSettings(
            name=self.name.data or "", description=self.description.data or "",
            rules=self.rules.data or "", starts_at=self.starts_at.data, ends_at=self.ends_at.data,
            organizer_name=self.organizer_name.data or "",
            contact_line=self.contact_line.data or "", prediction_kind=self.prediction_kind.data,
            review_after=self.review_after.data, unit_min_rate=self.unit_min_rate.data,
            prizes_exclude_staff=bool(self.prizes_exclude_staff.data),
            one_prize_per_person=bool(self.one_prize_per_person.data),
            prize_min_score=self.prize_min_score.data or 0,
            question_scopes=join_scopes(self.question_scopes.data or ()),
        )


class LogoForm(FlaskForm):
    logo = FileField("Logo (PNG hoặc JPEG, tối đa 512 KB)",
                     validators=[FileRequired("Vui lòng chọn tệp ảnh.")])


class GroupForm(FlaskForm):
    name = StringField("Tên bảng", filters=[clean], validators=[
        DataRequired("Vui lòng nhập tên bảng."), Length(max=120, message="Tối đa 120 ký tự.")])
    audiences = CheckboxesField("Đối tượng", choices=list(AUDIENCES.items()))
    first = _count("Số giải Nhất", 0, 1000)
    second = _count("Số giải Nhì", 0, 1000)
    third = _count("Số giải Ba", 0, 1000)
    consolation = _count("Số giải Khuyến khích", 0, 1000)
    topics = KeyListField("Chủ đề riêng của bảng", choices=[])

    def count_fields(self):
        return [getattr(self, prize) for prize in PRIZES]

    def validate_audiences(self, field):
        if not field.data:
            raise ValidationError("Vui lòng chọn ít nhất một đối tượng.")

    def settings(self) -> GroupSettings:
        return GroupSettings(self.name.data or "", tuple(self.audiences.data or ()),
                             {prize: getattr(self, prize).data for prize in PRIZES},
                             tuple(sorted(set(self.topics.data or ()))))


class RoundForm(FlaskForm):
    name = StringField("Tên đợt thi", filters=[clean], validators=[
        DataRequired("Vui lòng nhập tên đợt thi."), Length(max=200, message="Tối đa 200 ký tự.")])
    number = _count("Số thứ tự", 1, 1000)
    opens_at = _time("Giờ mở")
    closes_at = _time("Giờ đóng")
    questions_per_attempt = _count("Số câu hỏi mỗi lượt", 1, 200)
    time_limit_minutes = _count("Thời gian làm bài (phút)", 1, 600)
    max_attempts = _count("Số lượt thi tối đa", 1, 100)
    topics = CheckboxesField("Chủ đề (không chọn: tất cả chủ đề trong phạm vi câu hỏi của cuộc thi)",
                             choices=[])
    topic_mix = MixField("Cơ cấu theo chủ đề (không bắt buộc)")
    difficulty_mix = MixField("Cơ cấu theo độ khó (không bắt buộc)",
                              choices=list(DIFFICULTIES.items()))
    prediction_kind = ChoiceField("Câu hỏi dự đoán tính theo", choices=list(PREDICTION_KINDS.items()))
    prediction_question = TextAreaField("Câu hỏi dự đoán (để trống: dùng câu mặc định của loại đã chọn)",
                                        filters=[clean], validators=[
                                            Length(max=500, message="Tối đa 500 ký tự.")])
    allow_overlap = BooleanField("Cho phép trùng thời gian với đợt khác")
    prediction_per_attempt = BooleanField("Mỗi lượt thi một dự đoán riêng")

    def settings(self) -> RoundSettings:
        topic_mix = self.topic_mix.data or None
        return RoundSettings(
            name=self.name.data, number=self.number.data, opens_at=self.opens_at.data,
            closes_at=self.closes_at.data, questions_per_attempt=self.questions_per_attempt.data,
            time_limit_seconds=self.time_limit_minutes.data * 60,
            max_attempts=self.max_attempts.data,
            # With a topic mix the round draws from the mix's topics.
            topics=join_topics(topic_mix or self.topics.data or ()),
            prediction_kind=self.prediction_kind.data,
            prediction_question=prediction_text(self.prediction_kind.data,
                                                self.prediction_question.data),
            allow_overlap=bool(self.allow_overlap.data),
            topic_mix=topic_mix, difficulty_mix=self.difficulty_mix.data or None,
            prediction_per_attempt=bool(self.prediction_per_attempt.data),
        )


class CloseEarlyForm(FlaskForm):
    confirm = BooleanField("Tôi xác nhận đóng đợt thi ngay bây giờ", validators=[
        DataRequired("Vui lòng đánh dấu ô xác nhận trước khi đóng sớm đợt thi.")])


class ExtendForm(FlaskForm):
    closes_at = _time("Giờ đóng mới")
    reason = reason_field("Lý do gia hạn", EXTEND_REASON_MISSING)


# --- the choices a form offers (from the bank) -----------------------------

def with_scope_choices(form: ContestForm, contest=None) -> ContestForm:
    """The bank's scopes, and the contest's own even when the bank has none left."""
    form.question_scopes.choices = scope_choices(contest_scopes(contest) if contest else ())
    return form


def with_topic_choices(form, contest, keep=()):
    """The topics of the contest's scopes (and ``keep``, what is stored now) on a
    round's or a prize group's form."""
    choices = topic_choices(contest, keep)
    form.topics.choices = choices
    if isinstance(form, RoundForm):
        form.topic_mix.choices = choices
    return form


def round_topics_kept(round_) -> list[str]:
    return sorted(set(keys_of(round_.topics)) | set(round_.topic_mix or {}))


# --- a round's form and its locked fields ----------------------------------

# Round column -> form field, where they differ.
ROUND_FORM_FIELDS = {"time_limit_seconds": "time_limit_minutes"}
# Sent with the topic checkboxes when they are editable: no box ticked then means
# "every topic", while a form without it (boxes disabled) leaves the topics alone.
TOPICS_SHOWN = "topics_shown"
# Settings sent as one input per key (``topic_mix-nq76``).
MIX_FIELDS = ("topic_mix", "difficulty_mix")


def round_form_data(round_) -> dict:
    return {
        "name": round_.name, "number": round_.number, "opens_at": round_.opens_at,
        "closes_at": round_.closes_at, "questions_per_attempt": round_.questions_per_attempt,
        "time_limit_minutes": round_.time_limit_seconds // 60,
        "max_attempts": round_.max_attempts, "topics": list(keys_of(round_.topics)),
        "prediction_kind": round_.prediction_kind,
        "prediction_question": round_.prediction_question, "allow_overlap": round_.allow_overlap,
        "prediction_per_attempt": round_.prediction_per_attempt,
        "topic_mix": clean_mix(round_.topic_mix) or {},
        "difficulty_mix": clean_mix(round_.difficulty_mix) or {},
    }


def _as_form_values(value) -> list[str]:
    if isinstance(value, bool):
        return ["y"] if value else []  # a ticked box sends a value, an empty one nothing
    if isinstance(value, datetime):
        return [format_local(value)]
    if isinstance(value, list):
        return value
    return [str(value)]


def _sent(formdata, name: str, field: str) -> bool:
    """Whether the browser sent a setting (a disabled input is not sent)."""
    if name == "topics":
        return TOPICS_SHOWN in formdata
    if name in MIX_FIELDS:
        return any(key.startswith(f"{field}-") for key in formdata)
    return field in formdata


def _fill(data, field: str, value) -> None:
    if field in MIX_FIELDS:
        for key, count in value.items():
            data.setlist(f"{field}-{key}", [str(count)])
    else:
        data.setlist(field, _as_form_values(value))


def posted_round_form(formdata, round_, locked) -> tuple["RoundForm", list[str]]:
    """The posted form, with the locked settings the browser did not send (their
    inputs are disabled) filled from the round; and the names of those settings."""
    data, absent, current = formdata.copy(), [], round_form_data(round_)
    for name in locked:
        field = ROUND_FORM_FIELDS.get(name, name)
        if not _sent(formdata, name, field):
            absent.append(name)
            _fill(data, field, current[field])
    return RoundForm(formdata=data), absent


def round_settings(form: "RoundForm", round_, absent) -> RoundSettings:
    """The form's settings, the ones not sent kept exactly as stored."""
    settings, stored = form.settings(), RoundSettings.of(round_)
    for name in absent:
        setattr(settings, name, getattr(stored, name))
    return settings


def error_messages(form) -> list[str]:
    """A form's errors to flash, in Vietnamese (the CSRF token's own are not)."""
    return [SESSION_EXPIRED if name == "csrf_token" else message
            for name, messages in form.errors.items() for message in messages]


def add_problems(form, problems: dict[str, str], aliases: dict[str, str] | None = None) -> None:
    """Show a service's problems under their fields."""
    for name, message in problems.items():
        field = getattr(form, (aliases or {}).get(name, name))
        field.errors = [*field.errors, message]
