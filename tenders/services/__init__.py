"""Every change of state in competitions, each one transaction with its history row.

Errors the user must read are raised as `TenderError` with a translated message.
"""

from .applications import (
    remind_closing,
    screen_application,
    start_application,
    submit_application,
    update_application,
    withdraw_application,
)
from .base import TenderError
from .competitions import (
    add_lot,
    advance_phases,
    announce_competition,
    cancel_competition,
    close_competition,
    create_competition,
    set_criteria,
    update_competition,
)
from .results import (
    award_lot,
    correct_results,
    publish_results,
    record_historical_round,
    remove_award,
)
from .scoring import (
    add_member,
    declare_conflict,
    ranking,
    score_application,
    visible_sheets,
)

__all__ = [
    "TenderError",
    "add_lot",
    "add_member",
    "advance_phases",
    "announce_competition",
    "award_lot",
    "cancel_competition",
    "close_competition",
    "correct_results",
    "create_competition",
    "declare_conflict",
    "publish_results",
    "ranking",
    "record_historical_round",
    "remind_closing",
    "remove_award",
    "score_application",
    "screen_application",
    "set_criteria",
    "start_application",
    "submit_application",
    "update_application",
    "update_competition",
    "visible_sheets",
    "withdraw_application",
]
