"""Atom feeds: new competitions, published results, new NGOs (in the language of the URL)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

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
