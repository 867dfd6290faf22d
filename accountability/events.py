"""The named events of a tracked item, told to the people concerned through the registry's hub."""

from accounts.models import User
from registry import events
from registry.models import Representation

PROGRESS_CHANGED = events.define(
    "accountability.progress_changed", "accountability/email/progress_changed"
)
ITEM_CONTESTED = events.define("accountability.item_contested", "accountability/email/contested")


def item_context(item) -> dict:
    return {
        "code": item.code,
        "title": item.title,
        "body": item.responsible_body.name,
        "status": str(item.get_status_display()),
        "progress": item.progress,
        "deadline": item.deadline.isoformat(),
        "path": item.get_absolute_url(),
    }


def progress_changed(item, change, actor) -> None:
    """The representatives of the NGOs that contested the item learn what the body answered."""
    recipients = User.objects.filter(
        representations__ngo__accountability_contestations__item=item,
        representations__status=Representation.Status.APPROVED,
        is_active=True,
    ).distinct()
    recipients = list(recipients)
    if not recipients:
        return
    events.emit(
        PROGRESS_CHANGED,
        key=f"{item.code}:{change.pk}",
        recipients=recipients,
        actor=actor,
        context={**item_context(item), "note": change.note},
    )


def contested(contestation, actor) -> None:
    """The officials of the responsible body learn that an NGO contests their claim."""
    item = contestation.item
    events.emit(
        ITEM_CONTESTED,
        key=f"{item.code}:contest:{contestation.pk}",
        recipients=list(item.responsible_body.officials.filter(is_active=True)),
        actor=actor,
        context={**item_context(item), "ngo": contestation.ngo.name, "text": contestation.text},
    )
