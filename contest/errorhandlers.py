"""Errors as a Vietnamese page, or JSON for the /api endpoints. The request's
changes were already rolled back by its unit of work (``contest.transactions``)."""
from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from contest.errors import DomainError

HTTP_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Vui lòng đăng nhập để tiếp tục.",
    403: "Bạn không có quyền truy cập trang này.",
    404: "Không tìm thấy trang bạn yêu cầu.",
    405: "Phương thức không được hỗ trợ.",
    413: "Tệp hoặc dữ liệu gửi lên quá lớn.",
    429: "Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.",
    500: "Đã có lỗi xảy ra. Vui lòng thử lại sau.",
}


CONSOLE_PREFIX = "/quan-tri/"  # every page of the organizer's console


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _respond(message: str, status: int):
    """The error page; inside the console its buttons lead back to the console."""
    if _wants_json():
        return jsonify(error=message), status
    return render_template("error.html", message=message, status=status,
                           in_console=request.path.startswith(CONSOLE_PREFIX)), status


def register(app) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        return _respond(error.message, error.status_code)

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return _respond("Phiên làm việc đã hết hạn. Vui lòng tải lại trang và thử lại.", 400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        return _respond(HTTP_MESSAGES.get(status, HTTP_MESSAGES[400]), status)

    @app.errorhandler(500)
    def server_error(_error):
        return _respond(HTTP_MESSAGES[500], 500)
