"""The state body's response to a recommendation; an accepted one becomes a tracked promise."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..events import response_recorded
from ..models import Decision, Response
from .base import CouncilError, require_body_official, save


@transaction.atomic
def record_response(
    decision: Decision,
    by,
    *,
    outcome: str,
    reason: str = "",
    deadline: datetime.date | None = None,
) -> Response:
    """Accepted or partly accepted: followed to implementation by an accountability item with
    the body, the deadline and the recommendation's text (code `<council>-R<n>`)."""
    from accountability.services import create_item

    council = decision.council
    require_body_official(by, council)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not decision.adopted:
        raise CouncilError(_("Only an adopted recommendation gets a response."))
    if hasattr(decision, "response"):
        raise CouncilError(_("The body has already responded to this recommendation."))
    if outcome not in Response.Outcome.values:
        raise CouncilError(_("Choose accepted, partly accepted or rejected."))
    reason = reason.strip()
    if outcome != Response.Outcome.ACCEPTED and not reason:
        raise CouncilError(_("Give the reason for not accepting the recommendation in full."))
    if outcome != Response.Outcome.REJECTED and deadline is None:
        raise CouncilError(_("Give the deadline for implementing the recommendation."))
    if outcome == Response.Outcome.REJECTED:
        deadline = None
    response = Response(
        decision=decision,
        outcome=outcome,
        reason=reason,
        deadline=deadline,
        responded_by=by,
        responded_on=timezone.localdate(),
    )
    save(response, by, f"response: {outcome}")
    if outcome != Response.Outcome.REJECTED:
        decision.item = create_item(
            code=decision.code,
            title={lang: getattr(decision, f"text_{lang}") or "" for lang in ("kk", "ru", "en")},
            responsible_body=council.state_body,
            deadline=deadline,
            by=by,
            region=council.region,
            source="council",
        )
        save(decision, by, "followed to implementation")
    response_recorded(response, by)
    return response
