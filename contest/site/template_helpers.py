"""The filters and globals every template may use, registered on the app from the
factory: the Vietnamese formatting of ``contest.templating`` and the few that
read a domain (masked personal data, the contest's branding, a person's
certificates)."""
from flask import Flask, url_for
from flask_login import current_user

from contest import templating
from contest.bank.queries.questions import topic_titles
from contest.certificates import services as certificates
from contest.certificates.models import KIND_LABELS, KIND_SLUGS
from contest.contests.services import page_branding
from contest.masking import masked_cccd, masked_phone
from contest.rankings.models import MISSING_PREDICTION_ERROR


def register_template_helpers(app: Flask) -> None:
    templating.register(app)
    app.add_template_filter(masked_phone, "masked_phone")
    app.add_template_filter(masked_cccd, "masked_cccd")
    app.add_template_filter(prediction_error, "prediction_error")
    app.add_template_filter(topic_names, "topic_names")
    # Called by base.html only, so fragments rendered alone cost no query.
    app.add_template_global(page_branding, "page_branding")
    app.add_template_global(certificate_links, "certificate_links")


def certificate_links(round_) -> list[tuple[str, str]]:
    """(title, download URL) of each certificate the logged-in person has for
    ``round_``: nothing while the round is open (no query then)."""
    if not current_user.is_authenticated:
        return []
    return [(KIND_LABELS[kind], url_for("certificates.download", round_id=round_.id,
                                        kind=KIND_SLUGS[kind]))
            for kind in certificates.available_kinds(current_user, round_)]


def topic_names(keys) -> str:
    """Topic keys as the organizer reads them: their titles, comma-separated."""
    return ", ".join(topic_titles(keys))


def prediction_error(error: int | None) -> str:
    """A best attempt's prediction error as a reader sees it."""
    if error is None:
        return "—"
    if error >= MISSING_PREDICTION_ERROR:
        return "không dự đoán"
    return templating.number(error)
