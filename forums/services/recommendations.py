"""Recommendations: proposed at events, merged when they repeat, adopted into the action plan.

Adoption makes the recommendation's action-plan item in `accountability` (its code is the
recommendation's number, e.g. XII-0042); measures that split it are the item's children.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accountability import services as accountability
from accountability.models import Item

from .. import events, permissions
from ..models import Event, Forum, Origin, Recommendation, Section
from .base import ForumError

LANGUAGES = ("kk", "ru", "en")


def _texts(value) -> dict[str, str]:
    if isinstance(value, dict):
        return {language: text for language, text in value.items() if text}
    return {get_language() or "kk": value} if value else {}


def _apply(recommendation, field: str, value) -> None:
    for language, text in _texts(value).items():
        setattr(recommendation, f"{field}_{language}", text)


def _require_organiser(user) -> None:
    if user is not None and not permissions.may_manage_forums(user):
        raise ForumError(_("Only the organisers of the forum may do this."))


def _next_code(forum: Forum) -> str:
    """The forum's next number (XII-0042), counted under the forum's row lock."""
    Forum.objects.select_for_update().filter(pk=forum.pk).first()
    taken = Recommendation.objects.filter(forum=forum).count()
    return f"{forum.number}-{taken + 1:04d}"


@transaction.atomic
def propose(
    event: Event,
    *,
    title,
    by=None,
    text="",
    section: Section | None = None,
    ngo=None,
    responsible_body=None,
    topic=None,
    region=None,
) -> Recommendation:
    """A recommendation as an event proposed it; it goes to the forum the event prepares."""
    forum = event.forum
    if forum is None:
        raise ForumError(_("Recommendations are proposed at events that prepare a forum."))
    if section is not None and section.event_id != event.pk:
        raise ForumError(_("This section belongs to another event."))
    if by is not None and not permissions.may_manage_event(by, event):
        raise ForumError(_("Only the organisers of this event may do this."))
    if not _texts(title):
        raise ForumError(_("A recommendation needs its wording."))
    recommendation = Recommendation(
        code=_next_code(forum),
        forum=forum,
        responsible_body=responsible_body,
        topic=topic,
        region=region if region is not None else event.region,
    )
    _apply(recommendation, "title", title)
    _apply(recommendation, "text", text)
    recommendation.save()
    wording = _texts(title)
    Origin.objects.create(
        recommendation=recommendation,
        event=event,
        section=section,
        ngo=ngo,
        wording=next(iter(wording.values())),
    )
    return recommendation


@transaction.atomic
def merge(target: Recommendation, duplicates, by) -> Recommendation:
    """Duplicates become one: their origins move to `target`, each points to it for good."""
    _require_organiser(by)
    target = Recommendation.objects.select_for_update().get(pk=target.pk)
    duplicates = [d for d in duplicates if d.pk != target.pk]
    if not duplicates:
        raise ForumError(_("Choose the recommendations that repeat this one."))
    locked = list(
        Recommendation.objects.select_for_update().filter(pk__in=[d.pk for d in duplicates])
    )
    if target.status not in (Recommendation.Status.PROPOSED, Recommendation.Status.ADOPTED):
        raise ForumError(_("Merge into a recommendation that is proposed or adopted."))
    for duplicate in locked:
        if duplicate.forum_id != target.forum_id:
            raise ForumError(
                _("%(code)s belongs to another forum; only one forum's recommendations merge.")
                % {"code": duplicate.code}
            )
        if duplicate.status != Recommendation.Status.PROPOSED:
            raise ForumError(
                _("%(code)s is no longer a proposal; only proposals can be merged.")
                % {"code": duplicate.code}
            )
    Origin.objects.filter(recommendation__in=locked).update(recommendation=target)
    Recommendation.objects.filter(merged_into__in=locked).update(merged_into=target)
    for duplicate in locked:
        duplicate.status = Recommendation.Status.MERGED
        duplicate.merged_into = target
        duplicate.save(update_fields=["status", "merged_into", "updated_at"])
    target.save(update_fields=["updated_at"])
    return target


def _titles(recommendation) -> dict[str, str]:
    return {
        language: getattr(recommendation, f"title_{language}")
        for language in LANGUAGES
        if getattr(recommendation, f"title_{language}")
    }


def _descriptions(recommendation) -> dict[str, str]:
    return {
        language: getattr(recommendation, f"text_{language}")
        for language in LANGUAGES
        if getattr(recommendation, f"text_{language}")
    }


@transaction.atomic
def adopt(recommendation: Recommendation, *, responsible_body, deadline, by, now=None):
    """The forum adopts the recommendation: it enters the action plan as a tracked item of the
    responsible body, with its deadline; the body's officials are told."""
    _require_organiser(by)
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status != Recommendation.Status.PROPOSED:
        raise ForumError(
            _("%(code)s is %(status)s; only a proposed recommendation can be adopted.")
            % {"code": recommendation.code, "status": recommendation.get_status_display().lower()}
        )
    if responsible_body is None:
        raise ForumError(_("Name the state body responsible for the recommendation."))
    try:
        item = accountability.create_item(
            code=recommendation.code,
            title=_titles(recommendation),
            description=_descriptions(recommendation) or None,
            responsible_body=responsible_body,
            deadline=deadline,
            region=recommendation.region,
            topic=recommendation.topic,
            source="forum",
        )
    except accountability.AccountabilityError as error:
        raise ForumError(error.message) from error
    recommendation.status = Recommendation.Status.ADOPTED
    recommendation.responsible_body = responsible_body
    recommendation.plan_item = item
    recommendation.adopted_at = now or timezone.now()
    recommendation.adopted_by = by
    recommendation.save()
    events.recommendation_adopted(recommendation, by)
    return recommendation


@transaction.atomic
def add_measure(
    recommendation: Recommendation, *, title, deadline, by, responsible_body=None, weight=1
) -> Item:
    """A measure that carries out part of an adopted recommendation: a child of its item, whose
    progress then comes from its measures."""
    _require_organiser(by)
    if recommendation.plan_item_id is None:
        raise ForumError(_("Only an adopted recommendation has measures."))
    parent = recommendation.plan_item
    number = parent.children.count() + 1
    try:
        return accountability.create_item(
            code=f"{recommendation.code}.{number}",
            title=title,
            responsible_body=responsible_body or parent.responsible_body,
            deadline=deadline,
            parent=parent,
            region=parent.region,
            topic=parent.topic,
            source="forum",
            weight=weight,
        )
    except accountability.AccountabilityError as error:
        raise ForumError(error.message) from error


@transaction.atomic
def decline(recommendation: Recommendation, by) -> Recommendation:
    """The forum does not adopt the recommendation; it stays on record with its origins."""
    _require_organiser(by)
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status != Recommendation.Status.PROPOSED:
        raise ForumError(_("Only a proposed recommendation can be declined."))
    recommendation.status = Recommendation.Status.NOT_ADOPTED
    recommendation.save(update_fields=["status", "updated_at"])
    return recommendation
