"""Domain errors: raised by services, turned by routes into a Vietnamese message
and an HTTP status."""


class DomainError(Exception):
    status_code = 400
    message = "Yêu cầu không hợp lệ."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class NotFound(DomainError):
    status_code = 404
    message = "Không tìm thấy nội dung bạn yêu cầu."


class Conflict(DomainError):
    status_code = 409
    message = "Yêu cầu không thể thực hiện lúc này."
