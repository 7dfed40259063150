"""What a link to the contest shows when it is shared (Zalo, Facebook): the
Open Graph and Twitter card of the home page, with absolute addresses.

Absolute addresses start with ``PUBLIC_URL`` (the site's address as people
reach it, ``contest.links``), never with the request's Host header.
"""
from dataclasses import dataclass

from contest.contests.models import Contest, Round
from contest.contests.queries.overview import dates_text
from contest.contests.services import logo_version
from contest.links import absolute_url

DEFAULT_IMAGE = "img/share.png"  # 1200×630 PNG: what Facebook and Zalo show large
DEFAULT_IMAGE_SIZE = (1200, 630)


@dataclass(frozen=True)
class ShareImage:
    url: str
    mimetype: str
    size: tuple[int, int] | None  # None: not known (an uploaded logo)


@dataclass(frozen=True)
class ShareCard:
    title: str
    description: str
    url: str
    site_name: str
    image: ShareImage


def share_card(contest: Contest, rounds: list[Round]) -> ShareCard:
    return ShareCard(
        title=contest.name,
        description=share_description(contest, rounds),
        url=absolute_url("site.home"),
        site_name=contest.organizer_name,
        image=share_image(contest),
    )


def share_description(contest: Contest, rounds: list[Round]) -> str:
    """'<name>. Đợt 1: dd/mm/yyyy – dd/mm/yyyy; …. Đơn vị tổ chức: <organizer>.'"""
    parts = [contest.name, dates_text(contest, rounds),
             f"Đơn vị tổ chức: {contest.organizer_name}"]
    return ". ".join(part.rstrip(".") for part in parts if part) + "."


def share_image(contest: Contest) -> ShareImage:
    """The contest's logo when it has one, else the default share image."""
    version = logo_version(contest.logo_updated_at) if contest.logo_type else None
    if version:
        return ShareImage(absolute_url("contests.logo", contest_id=contest.id, v=version),
                          contest.logo_type, None)
    return ShareImage(absolute_url("static", filename=DEFAULT_IMAGE), "image/png",
                      DEFAULT_IMAGE_SIZE)
