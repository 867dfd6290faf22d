"""Every change of state in forums, each one transaction; refusals are `ForumError`s with a
translated message."""

from .base import ForumError
from .recommendations import add_measure, adopt, decline, merge, propose
from .registrations import (
    cancel,
    check_in,
    mark_attendance,
    promote,
    register,
    set_capacity,
    set_quota,
    set_section_capacity,
)

__all__ = [
    "ForumError",
    "add_measure",
    "adopt",
    "cancel",
    "check_in",
    "decline",
    "mark_attendance",
    "merge",
    "promote",
    "propose",
    "register",
    "set_capacity",
    "set_quota",
    "set_section_capacity",
]
