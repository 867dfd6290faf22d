"""Alerts: what changed in what a person follows, told by email through `registry.events`.

A beat task per frequency looks, for each active alert, at the changes since the alert was last
looked at, keeps those never told before (`AlertSent`), and sends each person one message with
their alerts' changes grouped per followed thing, each with its one-click unsubscribe link.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accountability.models import Change, Item
from councils.models import Council, Decision, Meeting
from registry import events
from registry.models import NGO
from tenders.models import Award, Competition

from .models import Alert, AlertSent

ALERT_DIGEST = events.define("portal.alert_digest", "portal/email/alert_digest")
SEARCH_FILTERS = {
    "region": "lots__region__kato",
    "area": "lots__activity_area__code",
    "mechanism": "mechanism",
}


class AlertError(Exception):
    """What a person must read when an alert cannot be saved."""


@dataclass(frozen=True)
class Found:
    key: str  # what identifies the change: the same change has the same key in every run
    text: str


def site_url(path: str) -> str:
    return getattr(settings, "PORTAL_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def _window(queryset, field, since, until):
    return queryset.filter(**{f"{field}__gt": since, f"{field}__lte": until})


def _day(moment) -> str:
    return timezone.localdate(moment).isoformat()


def changes(alert: Alert, since, until) -> list[Found]:
    """The changes of the followed thing (or the new matches of a search) in the window."""
    kind, key = alert.kind, alert.key
    found = []
    if kind == Alert.Kind.NGO:
        history = _window(NGO.history.filter(bin=key), "history_date", since, until)
        for record in history.exclude(history_type="+").order_by("history_date"):
            found.append(
                Found(
                    f"ngo:{record.history_id}",
                    _("The register's record changed on %(date)s (status: %(status)s).")
                    % {"date": _day(record.history_date), "status": record.get_status_display()},
                )
            )
        awards = _window(
            Award.objects.published().filter(ngo__bin=key),
            "lot__competition__published_at",
            since,
            until,
        ).select_related("lot__competition")
        for award in awards:
            found.append(
                Found(
                    f"award:{award.pk}",
                    _("Won %(amount)s tenge in competition %(number)s.")
                    % {"amount": award.amount, "number": award.lot.competition.number},
                )
            )
    elif kind == Alert.Kind.COMPETITION:
        history = _window(Competition.history.filter(number=key), "history_date", since, until)
        seen = None
        for record in history.order_by("history_date"):
            if record.status != seen:
                found.append(
                    Found(
                        f"competition:{record.history_id}",
                        _("%(date)s: %(status)s.")
                        % {
                            "date": _day(record.history_date),
                            "status": record.get_status_display(),
                        },
                    )
                )
            seen = record.status
    elif kind == Alert.Kind.COUNCIL:
        meetings = _window(Meeting.objects.filter(council__code=key), "announced_at", since, until)
        for meeting in meetings:
            found.append(
                Found(
                    f"meeting:{meeting.pk}",
                    _("A meeting is announced for %(date)s.") % {"date": _day(meeting.starts_at)},
                )
            )
        decisions = _window(Decision.objects.filter(council__code=key), "created_at", since, until)
        for decision in decisions:
            found.append(
                Found(
                    f"decision:{decision.pk}",
                    _("Decision %(number)s: %(text)s")
                    % {"number": decision.number, "text": str(decision.text)[:200]},
                )
            )
    elif kind == Alert.Kind.PLAN_ITEM:
        for change in _window(Change.objects.filter(item__code=key), "at", since, until):
            found.append(
                Found(
                    f"change:{change.pk}",
                    " ".join(
                        part
                        for part in (
                            f"{_day(change.at)}: {change.get_kind_display()}",
                            f"{change.old_value} → {change.new_value}".strip(" →")
                            if change.new_value
                            else "",
                            change.note,
                        )
                        if part
                    ),
                )
            )
    else:
        competitions = Competition.objects.public().filter(
            **{SEARCH_FILTERS[name]: value for name, value in alert.params.items()}
        )
        for competition in _window(competitions, "announced_at", since, until).distinct():
            found.append(
                Found(
                    f"announced:{competition.number}",
                    f"{competition.number}: {competition.title} — "
                    + site_url(reverse("tenders:detail", args=[competition.number])),
                )
            )
    return found


def describe(alert: Alert) -> tuple[str, str]:
    """The followed thing's name and page, in the alert's language."""
    with translation.override(alert.language):
        if alert.kind == Alert.Kind.NGO:
            ngo = NGO.objects.filter(bin=alert.key).first()
            return (ngo.name if ngo else alert.key), reverse(
                "registry:ngo_detail", args=[alert.key]
            )
        if alert.kind == Alert.Kind.COMPETITION:
            competition = Competition.objects.filter(number=alert.key).first()
            name = str(competition) if competition else alert.key
            return name, reverse("tenders:detail", args=[alert.key])
        if alert.kind == Alert.Kind.COUNCIL:
            council = Council.objects.filter(code=alert.key).first()
            name = str(council.name) if council else alert.key
            return name, reverse("councils:detail", args=[alert.key])
        if alert.kind == Alert.Kind.PLAN_ITEM:
            item = Item.objects.filter(code=alert.key).first()
            name = f"{alert.key} {item.title}" if item else alert.key
            return name, reverse("accountability:item", args=[alert.key])
        return _("New competitions: %(search)s") % {"search": search_label(alert.params)}, reverse(
            "tenders:list"
        )


def search_label(params: dict) -> str:
    return ", ".join(f"{name} {value}" for name, value in sorted(params.items())) or _("all")


def exists(kind: str, key: str) -> bool:
    models = {
        Alert.Kind.NGO: NGO.objects.public().filter(bin=key),
        Alert.Kind.COMPETITION: Competition.objects.public().filter(number=key),
        Alert.Kind.COUNCIL: Council.objects.filter(code=key),
        Alert.Kind.PLAN_ITEM: Item.objects.filter(code=key),
    }
    return models[kind].exists()


def follow(user, kind: str, key: str = "", params=None, frequency=Alert.Frequency.DAILY) -> Alert:
    """Follow a thing, or save a search of competitions; a confirmed email is needed."""
    if not (user.is_authenticated and user.email and user.email_verified):
        raise AlertError(_("Confirm your email address first: alerts are sent there."))
    if kind not in Alert.Kind.values or frequency not in Alert.Frequency.values:
        raise AlertError(_("Choose what to follow and how often."))
    params = {name: value for name, value in (params or {}).items() if value}
    if kind == Alert.Kind.SEARCH:
        if set(params) - set(SEARCH_FILTERS):
            raise AlertError(_("Choose what to follow and how often."))
        key = ""
    elif not exists(kind, key):
        raise AlertError(_("Nothing public has the identifier %(key)s.") % {"key": key})
    alert, _created = Alert.objects.update_or_create(
        user=user,
        kind=kind,
        key=key,
        params=params,
        active=True,
        defaults={"frequency": frequency, "language": translation.get_language() or "kk"},
        create_defaults={
            "frequency": frequency,
            "language": translation.get_language() or "kk",
            "checked_until": timezone.now(),
        },
    )
    return alert


def unsubscribe(token: str) -> Alert | None:
    alert = Alert.objects.filter(token=token, active=True).first()
    if alert is not None:
        alert.active = False
        alert.save(update_fields=["active"])
    return alert


def send(frequency: str, now: datetime.datetime | None = None) -> int:
    """Tell every person of the new changes of their alerts of this frequency; the messages sent."""
    now = now or timezone.now()
    alerts = (
        Alert.objects.filter(active=True, frequency=frequency, user__is_active=True)
        .select_related("user")
        .order_by("user", "pk")
    )
    per_user = defaultdict(list)
    for alert in alerts:
        per_user[alert.user].append(alert)
    sent = 0
    for user, own in per_user.items():
        with transaction.atomic():
            sections = []
            for alert in own:
                with translation.override(alert.language):
                    found = changes(alert, alert.checked_until, now)
                told = set(
                    AlertSent.objects.filter(
                        alert=alert, change__in=[f.key for f in found]
                    ).values_list("change", flat=True)
                )
                new = [f for f in found if f.key not in told]
                AlertSent.objects.bulk_create(
                    [AlertSent(alert=alert, change=f.key) for f in new], ignore_conflicts=True
                )
                Alert.objects.filter(pk=alert.pk).update(checked_until=now)
                if new:
                    name, path = describe(alert)
                    with translation.override(alert.language):
                        unsubscribe_path = reverse("portal:unsubscribe", args=[alert.token])
                    sections.append(
                        {
                            "title": name,
                            "url": site_url(path),
                            "changes": [f.text for f in new],
                            "unsubscribe": site_url(unsubscribe_path),
                        }
                    )
            if sections:
                language = own[0].language
                with translation.override(language):
                    events.emit(
                        ALERT_DIGEST,
                        key=f"{frequency}:{now.isoformat()}",
                        recipients=[user],
                        context={"sections": sections, "count": len(sections)},
                        language=language,
                    )
                sent += 1
    return sent
