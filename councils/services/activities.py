"""Public hearings, monitoring, officials' reports heard; trainings of members."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Activity, Council, Person, Training
from .base import CouncilError, require_secretary


@transaction.atomic
def record_activity(
    council: Council,
    by,
    *,
    kind: str,
    held_on: datetime.date,
    title: str,
    official: str = "",
    report_url: str = "",
) -> Activity:
    require_secretary(by, council)
    if kind not in Activity.Kind.values:
        raise CouncilError(_("Choose a public hearing, public monitoring or a report heard."))
    if kind == Activity.Kind.REPORT and not official.strip():
        raise CouncilError(_("Name the official whose report was heard."))
    return Activity.objects.create(
        council=council,
        kind=kind,
        held_on=held_on,
        title=title.strip(),
        official=official.strip(),
        report_url=report_url,
    )


@transaction.atomic
def record_training(
    council: Council, by, *, held_on: datetime.date, topic: str, participants: list[Person]
) -> Training:
    require_secretary(by, council)
    if not topic.strip():
        raise CouncilError(_("Enter the topic of the training."))
    training = Training.objects.create(council=council, held_on=held_on, topic=topic.strip())
    training.participants.set(participants)
    return training
