"""The first steps of an installation, for the organizer who opens an empty
site: load the units, load the question bank, create the contest, add a round,
publish its schedule. Each step is ticked once the database shows it done; five
``EXISTS`` reads, asked only while no contest is public."""
from dataclasses import dataclass

from sqlalchemy import exists, select

from contest.bank.models import Question
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.units.models import Unit
from contest.units.queries import IS_PUBLIC


@dataclass(frozen=True)
class Step:
    label: str
    endpoint: str  # the console page where it is done
    hint: str
    done: bool


def _any(*conditions) -> bool:
    return bool(db.session.scalar(select(exists().where(*conditions))))


def setup_steps() -> list[Step]:
    """The five steps in order, each with whether it is done."""
    return [
        Step("Nhập hoặc chọn danh sách đơn vị", "unit_admin.index",
             "Các sở, ban, ngành và xã, phường mà người dự thi chọn khi đăng ký.",
             _any(Unit.id.is_not(None), IS_PUBLIC)),
        Step("Nạp ngân hàng câu hỏi", "bank.index",
             "Nạp ngân hàng câu hỏi có sẵn hoặc nhập từ tệp Excel, trước khi tạo cuộc thi.",
             _any(Question.active.is_(True), Question.is_current.is_(True))),
        Step("Tạo cuộc thi", "contest_admin.create",
             "Tên, thể lệ, thời gian, cơ quan tổ chức và phạm vi câu hỏi.",
             _any(Contest.id.is_not(None))),
        Step("Tạo đợt thi", "contest_admin.index",
             "Giờ mở, giờ đóng (trong thời gian cuộc thi), số câu hỏi và thời gian làm bài.",
             _any(Round.id.is_not(None))),
        Step("Công bố lịch đợt thi", "contest_admin.index",
             "Bấm “Công bố lịch” trên trang đợt thi: cuộc thi hiện trên trang chủ.",
             _any(Round.scheduled_at.is_not(None))),
    ]
