from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, ValidationError

from contest.formatting import megabytes
from contest.forms import ChoiceField, VietnameseIntegerField
from contest.units import rules
from contest.units.formats import MAX_UPLOAD_BYTES
from contest.units.models import KIND_LABELS
from contest.units.services import code_taken


class UnitForm(FlaskForm):
    code = StringField("Mã đơn vị", filters=[rules.clean_code])
    name = StringField("Tên đơn vị", filters=[rules.clean_name])
    kind = ChoiceField("Loại đơn vị", choices=[("", "— Chọn —"), *KIND_LABELS.items()])
    headcount = VietnameseIntegerField("Biên chế (số người, để trống nếu chưa có)")

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.code.flags.required = self.name.flags.required = True

    def validate_code(self, field):
        problem = rules.code_problem(field.data)
        if problem:
            raise ValidationError(problem)
        if code_taken(field.data, except_id=self.unit.id if self.unit else None):
            raise ValidationError(rules.CODE_TAKEN)

    def validate_name(self, field):
        problem = rules.name_problem(field.data)
        if problem:
            raise ValidationError(problem)

    def validate_headcount(self, field):
        problem = rules.headcount_problem(field.data)
        if problem:
            raise ValidationError(problem)

    def record(self) -> rules.UnitRecord:
        return rules.UnitRecord(code=self.code.data, name=self.name.data,
                                kind=self.kind.data, headcount=self.headcount.data)


class ConfirmForm(FlaskForm):
    """Deactivate or reactivate: the organizer ticks the box to confirm."""
    confirm = BooleanField("Tôi xác nhận", validators=[
        DataRequired("Vui lòng đánh dấu ô xác nhận trước khi thực hiện.")])


class ImportForm(FlaskForm):
    file = FileField("Tệp Excel (.xlsx)", validators=[
        FileRequired("Vui lòng chọn tệp Excel."),
        FileAllowed(["xlsx"], "Chỉ nhận tệp Excel .xlsx."),
    ])
    dry_run = BooleanField("Chỉ kiểm tra, chưa ghi vào danh mục")

    def validate_file(self, field):
        """Refuse a large file by its size, before anything reads it."""
        stream = field.data.stream
        stream.seek(0, 2)
        size = stream.tell()
        stream.seek(0)
        if size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                f"Tệp quá lớn ({megabytes(size)} MB), tối đa {MAX_UPLOAD_BYTES // (1024 * 1024)} MB. "
                "Hãy chia thành nhiều tệp nhỏ hơn.")
