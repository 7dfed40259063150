from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired

from contest.reasons import reason_field


class DeletionRequestForm(FlaskForm):
    reason = reason_field("Lý do (không bắt buộc)")
    confirm = BooleanField(
        "Tôi hiểu rằng khi yêu cầu được thực hiện, tài khoản sẽ không đăng nhập được nữa "
        "và tôi rút lại sự đồng ý xử lý dữ liệu cá nhân.",
        validators=[DataRequired("Vui lòng đánh dấu ô xác nhận để gửi yêu cầu.")])


class CarryOutForm(FlaskForm):
    confirm = BooleanField("Xác nhận ẩn danh dữ liệu cá nhân của người này", validators=[
        DataRequired("Vui lòng đánh dấu ô xác nhận.")])
