from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired


class StaffImportForm(FlaskForm):
    file = FileField("Tệp danh sách cán bộ (.xlsx hoặc .csv)", validators=[
        FileRequired("Vui lòng chọn tệp danh sách."),
        FileAllowed(["xlsx", "csv"], "Chỉ nhận tệp Excel .xlsx hoặc tệp .csv."),
    ])
