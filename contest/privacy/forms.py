from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from contest.forms import clean_lines


class DeletionRequestForm(FlaskForm):
    reason = TextAreaField("Lý do (không bắt buộc)", filters=[clean_lines], validators=[
        Optional(), Length(max=500, message="Lý do tối đa 500 ký tự.")])
    confirm = BooleanField(
        "Tôi hiểu rằng khi yêu cầu được thực hiện, tài khoản sẽ không đăng nhập được nữa "
        "và tôi rút lại sự đồng ý xử lý dữ liệu cá nhân.",
        validators=[DataRequired("Vui lòng đánh dấu ô xác nhận để gửi yêu cầu.")])


class CarryOutForm(FlaskForm):
    confirm = BooleanField("Xác nhận ẩn danh dữ liệu cá nhân của người này", validators=[
        DataRequired("Vui lòng đánh dấu ô xác nhận.")])
