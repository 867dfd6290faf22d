"""Atom feeds: new competitions, published results, new NGOs, each forum's action plan's
changes (in the language of the URL)."""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from accountability.models import Change
from forums.models import Forum
from registry.models import NGO
from tenders.models import Competition

ITEMS = 50


class AtomFeed(Feed):
    feed_type = Atom1Feed

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True


class NewCompetitions(AtomFeed):
    title = _("New competitions")
    subtitle = _("Competitions announced by state bodies: state social order, grants, awards.")

    def link(self):
        return reverse("tenders:list")

    def items(self):
        return (
            Competition.objects.public()
            .filter(announced_at__isnull=False)
            .select_related("organiser")
            .order_by("-announced_at", "-number")[:ITEMS]
        )

    def item_title(self, item):
        return f"{item.number}: {item.title}"

    def item_description(self, item):
        return f"{item.get_mechanism_display()} · {item.organiser}"

    def item_link(self, item):
        return reverse("tenders:detail", args=[item.number])

    def item_pubdate(self, item):
        return item.announced_at

    def item_updateddate(self, item):
        return item.updated_at


class PublishedResults(NewCompetitions):
    title = _("Published results")
    subtitle = _("Competitions whose winners and amounts have been published.")

    def items(self):
        return (
            Competition.objects.filter(
                status__in=Competition.RESULT_STATUSES, published_at__isnull=False
            )
            .select_related("organiser")
            .order_by("-published_at", "-number")[:ITEMS]
        )

    def item_pubdate(self, item):
        return item.published_at


class NewNGOs(AtomFeed):
    title = _("New NGOs in the register")
    subtitle = _("Organisations newly published in the register of NGOs.")

    def link(self):
        return reverse("registry:directory")

    def items(self):
        return NGO.objects.public().select_related("region").order_by("-created_at", "-pk")[:ITEMS]

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        return f"{item.bin} · {item.region}"

    def item_link(self, item):
        return reverse("registry:ngo_detail", args=[item.bin])

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class ActionPlanChanges(AtomFeed):
    """Each change of a forum's action plan: progress, status, deadlines of its items and their
    measures, newest first."""

    def get_object(self, request, number: str):
        return get_object_or_404(Forum, number=number.upper())

    def title(self, forum):
        return _("Changes of the action plan of the %(forum)s Civil Forum") % {
            "forum": forum.number
        }

    def link(self, forum):
        return reverse("forums:plan", args=[forum.number])

    def items(self, forum):
        of_forum = Q(item__forum_recommendation__forum=forum) | Q(
            item__parent__forum_recommendation__forum=forum
        )
        return (
            Change.objects.filter(of_forum)
            .select_related("item", "by_body")
            .order_by("-at", "-pk")[:ITEMS]
        )

    def item_title(self, change):
        return f"{change.item.code}: {change.get_kind_display()} {change.new_value}".strip()

    def item_description(self, change):
        parts = [str(change.item.title)]
        if change.old_value or change.new_value:
            parts.append(f"{change.old_value} → {change.new_value}")
        if change.by_body:
            parts.append(str(change.by_body))
        if change.note:
            parts.append(change.note)
        return " · ".join(parts)

    def item_link(self, change):
        return reverse("accountability:item", args=[change.item.code]) + f"#change-{change.pk}"

    def item_pubdate(self, change):
        return change.at
