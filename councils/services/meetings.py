"""Meetings: scheduled and announced, attended, minuted; decisions voted on agenda items."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..events import decision_adopted
from ..models import AgendaItem, Attendance, Council, Decision, Meeting, MeetingDocument
from .base import CouncilError, require_secretary, save


def response_days() -> int:
    return getattr(settings, "COUNCILS_RESPONSE_DAYS", 30)


@transaction.atomic
def schedule_meeting(
    council: Council,
    by,
    *,
    starts_at: datetime.datetime,
    place: str = "",
    online_url: str = "",
    agenda: list[str] | None = None,
) -> Meeting:
    require_secretary(by, council)
    if council.status != Council.Status.ACTIVE:
        raise CouncilError(_("A closed council holds no meetings."))
    if not (place.strip() or online_url.strip()):
        raise CouncilError(_("Give the place of the meeting or its online link."))
    Council.objects.select_for_update().get(pk=council.pk)
    number = (council.meetings.aggregate(n=Max("number"))["n"] or 0) + 1
    meeting = Meeting(
        council=council, number=number, starts_at=starts_at, place=place, online_url=online_url
    )
    save(meeting, by, "meeting scheduled")
    for position, title in enumerate([t for t in agenda or [] if t.strip()], start=1):
        add_agenda_item(meeting, by, title=title, position=position)
    return meeting


def add_agenda_item(meeting: Meeting, by, *, title: str, position: int | None = None) -> AgendaItem:
    require_secretary(by, meeting.council)
    if not title.strip():
        raise CouncilError(_("Enter the agenda item."))
    if position is None:
        position = (meeting.agenda.aggregate(n=Max("position"))["n"] or 0) + 1
    return AgendaItem.objects.create(meeting=meeting, position=position, title=title.strip())


def add_document(meeting: Meeting, by, *, title: str, url: str) -> MeetingDocument:
    require_secretary(by, meeting.council)
    return MeetingDocument.objects.create(meeting=meeting, title=title, url=url)


@transaction.atomic
def announce_meeting(meeting: Meeting, by) -> Meeting:
    require_secretary(by, meeting.council)
    if meeting.is_announced:
        raise CouncilError(_("The meeting is already announced."))
    if meeting.starts_at <= timezone.now():
        raise CouncilError(_("A meeting is announced before it takes place."))
    if not meeting.agenda.exists():
        raise CouncilError(_("Add the agenda before announcing the meeting."))
    meeting.announced_at = timezone.now()
    save(meeting, by, "meeting announced")
    return meeting


@transaction.atomic
def record_attendance(meeting: Meeting, by, *, present) -> int:
    """Who was present: memberships current on the meeting's day; returns how many were."""
    require_secretary(by, meeting.council)
    if meeting.starts_at > timezone.now():
        raise CouncilError(_("Attendance is recorded once the meeting has taken place."))
    members = {m.pk: m for m in meeting.members()}
    present = {int(pk) for pk in present}
    if present - members.keys():
        raise CouncilError(_("Only members of the council on the meeting's day can attend."))
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership_id=pk, present=pk in present) for pk in members
    )
    save(meeting, by, "attendance recorded")
    return len(present)


@transaction.atomic
def record_minutes(meeting: Meeting, by, *, minutes: str) -> Meeting:
    require_secretary(by, meeting.council)
    if meeting.starts_at > timezone.now():
        raise CouncilError(_("Minutes are recorded once the meeting has taken place."))
    meeting.minutes = minutes.strip()
    save(meeting, by, "minutes recorded")
    return meeting


@transaction.atomic
def record_decision(
    agenda_item: AgendaItem,
    by,
    *,
    text: str | dict,
    votes_for: int,
    votes_against: int = 0,
    votes_abstained: int = 0,
) -> Decision:
    """The vote on an agenda item. Refused without quorum, or with more votes than members
    present; adopted when more than half of the members present voted for it."""
    meeting = agenda_item.meeting
    council = meeting.council
    require_secretary(by, council)
    if meeting.starts_at > timezone.now():
        raise CouncilError(_("Decisions are recorded once the meeting has taken place."))
    if min(votes_for, votes_against, votes_abstained) < 0:
        raise CouncilError(_("A number of votes cannot be negative."))
    texts = text if isinstance(text, dict) else {"": text}
    if not any(value.strip() for value in texts.values()):
        raise CouncilError(_("Enter the text of the recommendation."))
    quorum = meeting.quorum()
    if not quorum.reached:
        raise CouncilError(
            _(
                "No quorum: %(present)s of %(members)s members were present, %(needed)s are "
                "needed. No decision can be adopted."
            )
            % {"present": quorum.present, "members": quorum.members, "needed": quorum.needed}
        )
    cast = votes_for + votes_against + votes_abstained
    if cast > quorum.present:
        raise CouncilError(
            _("%(cast)s votes were cast but only %(present)s members were present.")
            % {"cast": cast, "present": quorum.present}
        )
    Council.objects.select_for_update().get(pk=council.pk)
    number = (council.decisions.aggregate(n=Max("number"))["n"] or 0) + 1
    adopted = votes_for * 2 > quorum.present
    decision = Decision(
        council=council,
        agenda_item=agenda_item,
        number=number,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstained=votes_abstained,
        adopted=adopted,
        response_due=meeting.date + datetime.timedelta(days=response_days()) if adopted else None,
    )
    for language, value in texts.items():
        setattr(decision, f"text_{language}" if language else "text", value.strip())
    save(decision, by, "decision adopted" if adopted else "decision not adopted")
    if adopted:
        decision_adopted(decision, by)
    return decision
