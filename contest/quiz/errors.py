from contest.errors import Conflict, DomainError, NotFound


class RoundNotOpen(Conflict):
    message = "Đợt thi chưa mở hoặc đã kết thúc, không thể bắt đầu lượt thi."


class AttemptLimitReached(Conflict):
    message = "Bạn đã dùng hết số lượt thi của đợt thi này."


class AttemptExpired(Conflict):
    message = ("Đã hết thời gian làm bài. Câu trả lời này không được ghi nhận; "
               "bài thi được chấm với các câu trả lời đã lưu trước đó.")


class AttemptAlreadySubmitted(Conflict):
    message = "Bài thi đã được nộp, không thể thay đổi câu trả lời."


class AttemptNotFound(NotFound):
    message = "Không tìm thấy lượt thi."


class InvalidAnswer(DomainError):
    message = "Câu trả lời không hợp lệ."


class BankTooSmall(Conflict):
    status_code = 503
    message = "Ngân hàng câu hỏi chưa đủ câu hỏi cho đợt thi này. Vui lòng báo Ban Tổ chức."


class TooManyConcurrentStarts(Conflict):
    message = "Hệ thống đang bận, vui lòng thử lại sau giây lát."
