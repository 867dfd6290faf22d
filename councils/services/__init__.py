"""Every change of a council's state: one function each, in a transaction, with its history row
and events; refusals raised as `CouncilError` with a translated message."""

from .activities import record_activity, record_training
from .base import CouncilError
from .meetings import (
    add_agenda_item,
    add_document,
    announce_meeting,
    record_attendance,
    record_decision,
    record_minutes,
    schedule_meeting,
)
from .members import add_member, change_role, end_term, find_or_create_person
from .responses import record_response

__all__ = [
    "CouncilError",
    "add_agenda_item",
    "add_document",
    "add_member",
    "announce_meeting",
    "change_role",
    "end_term",
    "find_or_create_person",
    "record_activity",
    "record_attendance",
    "record_decision",
    "record_minutes",
    "record_response",
    "record_training",
    "schedule_meeting",
]
