"""sitemap.xml: every public page in kk, ru and en, each with its hreflang alternates."""

from django.contrib import sitemaps
from django.urls import reverse

from registry.models import NGO
from tenders.models import Competition

PAGE = 10_000  # URLs per sitemap file (each counted in every language)


class I18nSitemap(sitemaps.Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = PAGE


class Pages(I18nSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "registry:directory", "tenders:list", "portal:stats", "portal:open_data"]

    def location(self, item):
        return reverse(item)


class NGOs(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return NGO.objects.public().order_by("bin").only("bin", "updated_at")

    def location(self, item):
        return reverse("registry:ngo_detail", args=[item.bin])

    def lastmod(self, item):
        return item.updated_at


class Competitions(I18nSitemap):
    changefreq = "daily"

    def items(self):
        return Competition.objects.public().order_by("number").only("number", "updated_at")

    def location(self, item):
        return reverse("tenders:detail", args=[item.number])

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": Pages, "ngos": NGOs, "competitions": Competitions}
