"""Every change of state in competitions, each one transaction with its history row.

Errors the user must read are raised as `TenderError` with a translated message.
"""

from .appeals import answer_appeal, appeal_deadline, decide_appeal, file_appeal, may_still_appeal
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
    follow_the_clock,
    mci_value,
    set_criteria,
    set_plan_items,
    update_competition,
)
from .contracts import (
    accept_report,
    add_instalment,
    approve_instalment,
    complete_project,
    mark_instalment_paid,
    remind_reports,
    return_report,
    schedule_report,
    sign_contract,
    submit_report,
    terminate_project,
    update_contract,
)
from .questions import answer_question, ask_question, publish_question
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
    "publish_question",
    "may_still_appeal",
    "file_appeal",
    "decide_appeal",
    "ask_question",
    "appeal_deadline",
    "answer_question",
    "answer_appeal",
    "TenderError",
    "accept_report",
    "add_instalment",
    "add_lot",
    "add_member",
    "advance_phases",
    "follow_the_clock",
    "set_plan_items",
    "announce_competition",
    "approve_instalment",
    "award_lot",
    "cancel_competition",
    "close_competition",
    "complete_project",
    "correct_results",
    "create_competition",
    "declare_conflict",
    "mark_instalment_paid",
    "mci_value",
    "publish_results",
    "ranking",
    "record_historical_round",
    "remind_closing",
    "remind_reports",
    "remove_award",
    "return_report",
    "schedule_report",
    "score_application",
    "screen_application",
    "set_criteria",
    "sign_contract",
    "start_application",
    "submit_application",
    "submit_report",
    "terminate_project",
    "update_application",
    "update_competition",
    "update_contract",
    "visible_sheets",
    "withdraw_application",
]
