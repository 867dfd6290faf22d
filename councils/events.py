"""The named events of councils, told through the registry's hub (audit row, then mail)."""

from accounts.models import User
from registry import events

DECISION_ADOPTED = events.define("councils.decision_adopted", "councils/email/decision_adopted")
RESPONSE_RECORDED = events.define("councils.response_recorded", "councils/email/response_recorded")
OUT_OF_RULE = events.define("councils.out_of_rule", "councils/email/out_of_rule")


def body_officials(council) -> list:
    return list(User.objects.filter(state_bodies=council.state_body_id, is_active=True))


def secretaries(council) -> list:
    return list(council.secretaries.filter(is_active=True))


def decision_adopted(decision, actor) -> None:
    council = decision.council
    events.emit(
        DECISION_ADOPTED,
        key=decision.code,
        recipients=body_officials(council),
        actor=actor,
        context={
            "code": decision.code,
            "council": council.name,
            "text": decision.text,
            "due": decision.response_due.isoformat(),
        },
    )


def response_recorded(response, actor) -> None:
    decision = response.decision
    events.emit(
        RESPONSE_RECORDED,
        key=decision.code,
        recipients=secretaries(decision.council),
        actor=actor,
        context={
            "code": decision.code,
            "council": decision.council.name,
            "outcome": response.outcome,
            "reason": response.reason,
            "deadline": response.deadline.isoformat() if response.deadline else "",
        },
    )


def out_of_rule(council, flags, actor) -> None:
    """The body's officials and the secretaries learn when a council breaks a rule (once per
    set of broken rules)."""
    events.emit(
        OUT_OF_RULE,
        key=f"{council.code}:{','.join(sorted(flag.code for flag in flags))}",
        recipients=body_officials(council) + secretaries(council),
        actor=actor,
        context={
            "code": council.code,
            "council": council.name,
            "flags": [flag.message for flag in flags],
        },
    )
