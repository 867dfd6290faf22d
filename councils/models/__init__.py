from .activities import Activity, Training
from .councils import Council, CouncilQuerySet, Membership, MembershipQuerySet, Person
from .meetings import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionQuerySet,
    Meeting,
    MeetingDocument,
    Response,
)
from .rules import Composition, Flag, composition_of, refresh_flags

__all__ = [
    "Activity",
    "AgendaItem",
    "Attendance",
    "Composition",
    "Council",
    "CouncilQuerySet",
    "Decision",
    "DecisionQuerySet",
    "Flag",
    "Meeting",
    "MeetingDocument",
    "Membership",
    "MembershipQuerySet",
    "Person",
    "Response",
    "Training",
    "composition_of",
    "refresh_flags",
]
