"""NGOs, the words of their names (for typo-tolerant search), umbrella memberships and
resource centres."""

import datetime

from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..bin import validate_bin, validate_bin_matches_registration
from ..names import NAME_LANGUAGES, Fold, name_document, name_order, name_sort_key
from ..search import search
from . import common
from .common import last_ended_year, not_in_future, report_year_due
from .reference import ActivityArea, LegalForm, Region, scoped
from .reports import AnnualReport
from .representation import Representation

# The indexes of search and name order; a bulk load drops them and builds them afresh afterwards
# (load_demo_data), which is several times faster than updating them row by row.
# The public statuses (NGO.PUBLIC_STATUSES, which a test compares): only public NGOs are searched,
# and with the condition a capped count reads the index alone, not the table (26 → 7 ms).
PUBLIC = Q(status__in=["verified", "active", "passive", "liquidated"])
ORDER_COVERS = ["status", "name_document", "region", "legal_form", "kind", "registered_on"]
SEARCH_INDEXES = [
    GinIndex(fields=["search_document"], name="ngo_search_gin", condition=PUBLIC),
    GinIndex(fields=["name_document"], name="ngo_name_search_gin", condition=PUBLIC),
    # Name order per language. The columns a search filters on ride along (INCLUDE), so a common
    # name word's page is found by walking this index alone, never the table: hits that cluster
    # late in the order («фонд» after 130,000 «объединение» at 250,000 NGOs) cost a scan of the
    # index (tens of ms), where a walk that fetched every row from the table took over a second.
    *[
        models.Index(
            fields=[f"sort_{language}", "id"],
            include=ORDER_COVERS,
            name=f"ngo_name_order_{language}",
        )
        for language in NAME_LANGUAGES
    ],
]


class NGOQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=NGO.PUBLIC_STATUSES)

    def search(self, text: str):
        """Full-text search in the three languages; name words with a typo corrected when it finds
        nothing. The result is ordered and paged by `registry.search` (see there why)."""
        return search(self, text)

    def order_by_name(self, descending: bool = False):
        """In Kazakh alphabetical order, in the language of the page (Kazakh name as fallback)."""
        key = name_order(get_language())
        return self.order_by(key.desc() if descending else key.asc(), "pk")

    def in_region(self, region: Region):
        return self.filter(region__in=region.territory())

    def with_state_funding(self):
        """NGOs whose latest version of some year's report shows state money."""
        latest = AnnualReport.objects.latest_of_year(OuterRef("pk"))
        funded = latest.filter(Q(income_state_order__gt=0) | Q(income_grants__gt=0))
        return self.filter(Exists(funded))

    def in_scope_of(self, user):
        """NGOs an official may act on: all for republican bodies, their region's for local ones."""
        return scoped(self, user, "region")

    def represented_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            representatives__user=user, representatives__status=Representation.Status.APPROVED
        )

    def filed_for(self, report_year: int):
        """NGOs that filed the year due (or a later year that has ended)."""
        return self.filter(Exists(AnnualReport.objects.covering(report_year, OuterRef("pk"))))

    def missed_annual_information(self, report_year: int):
        """Working NGOs (passive ones included) without submitted information for the year."""
        filed = AnnualReport.objects.covering(report_year, OuterRef("pk"))
        not_yet_founded = Q(registered_on__year__gt=report_year)
        return (
            self.filter(status__in=[NGO.Status.VERIFIED, NGO.Status.ACTIVE, NGO.Status.PASSIVE])
            .exclude(Exists(filed))
            .exclude(not_yet_founded)
        )

    def due_to_become_passive(self, report_year: int):
        return self.missed_annual_information(report_year).exclude(status=NGO.Status.PASSIVE)

    def due_to_become_active(self, report_year: int):
        """Passive NGOs that have filed since, e.g. a report for the next year filed early."""
        return self.filter(status=NGO.Status.PASSIVE).filed_for(report_year)


class NGO(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for verification")
        VERIFIED = "verified", _("Verified")
        ACTIVE = "active", _("Active")
        PASSIVE = "passive", _("Passive")
        LIQUIDATED = "liquidated", _("Liquidated")
        REJECTED = "rejected", _("Rejected")

    class Kind(models.TextChoices):
        SOCIALLY_SIGNIFICANT = "social", _("Socially significant")
        SOCIOPOLITICAL = "sociopolitical", _("Sociopolitical")
        REFORMER = "reformer", _("Reformer")

    # The fields an NGO keeps up to date itself, in the order forms and the review screen show them.
    PROFILE_FIELDS = (
        "name_kk",
        "name_ru",
        "name_en",
        "legal_form",
        "kind",
        "region",
        "address",
        "registered_on",
        "description_kk",
        "description_ru",
        "description_en",
        "head_name",
        "email",
        "phone",
        "website",
        "staff_count",
        "volunteer_count",
        "beneficiary_count",
    )
    # Registered particulars: once the NGO is public they change only after an official's review
    # (a ParticularsChange); the other profile fields (contacts, description, counts) go live
    # at once.
    # Founders are not part of the profile yet; add their field here when it is.
    REGISTERED_FIELDS = (
        "name_kk",
        "name_ru",
        "name_en",
        "legal_form",
        "region",
        "registered_on",
        "head_name",
    )
    PUBLIC_STATUSES = (Status.VERIFIED, Status.ACTIVE, Status.PASSIVE, Status.LIQUIDATED)
    EDITABLE_STATUSES = (
        Status.DRAFT,
        Status.REJECTED,
        Status.VERIFIED,
        Status.ACTIVE,
        Status.PASSIVE,
    )

    bin = models.CharField(_("BIN"), max_length=12, unique=True, validators=[validate_bin])
    name = models.CharField(_("name"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    legal_form = models.ForeignKey(
        LegalForm, models.PROTECT, related_name="ngos", verbose_name=_("legal form")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.SOCIALLY_SIGNIFICANT
    )
    activity_areas = models.ManyToManyField(
        ActivityArea, related_name="ngos", blank=True, verbose_name=_("activity areas")
    )
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="ngos", verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    registered_on = models.DateField(
        _("registration date"), null=True, blank=True, validators=[not_in_future]
    )
    head_name = models.CharField(_("head"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    staff_count = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    volunteer_count = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    beneficiary_count = models.PositiveIntegerField(_("beneficiaries"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    data_confirmed_at = models.DateTimeField(_("data last confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_document = models.GeneratedField(
        # The `simple` parts are folded (see KAZAKH_FOLDING), as is the query matched to them.
        expression=name_document()
        + SearchVector(Fold("description_kk"), config="simple", weight="C")
        + SearchVector("description_ru", config="russian", weight="C")
        + SearchVector("description_en", config="english", weight="C"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The names alone: a search lists the NGOs whose name matches first, in name order.
    name_document = models.GeneratedField(
        expression=name_document(), output_field=SearchVectorField(), db_persist=True
    )
    # The name order of each language (Kazakh alphabet, Kazakh name as fallback): SEARCH_INDEXES.
    sort_kk = models.GeneratedField(
        expression=name_sort_key("kk"), output_field=models.TextField(), db_persist=True
    )
    sort_ru = models.GeneratedField(
        expression=name_sort_key("ru"), output_field=models.TextField(), db_persist=True
    )
    sort_en = models.GeneratedField(
        expression=name_sort_key("en"), output_field=models.TextField(), db_persist=True
    )

    objects = NGOQuerySet.as_manager()
    # `history` is registered in translation.py, once the per-language fields exist.

    class Meta:
        ordering = ["name_kk"]
        verbose_name = _("NGO")
        verbose_name_plural = _("NGOs")
        constraints = [
            models.CheckConstraint(condition=Q(bin__regex=r"^\d{12}$"), name="ngo_bin_12_digits"),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(status_reason=""),
                name="ngo_rejection_has_reason",
            ),
        ]
        indexes = [
            *SEARCH_INDEXES,
            models.Index(fields=["region", "status"], name="ngo_region_status"),
            models.Index(fields=["updated_at"], name="ngo_updated_at"),
            models.Index(fields=["registered_on"], name="ngo_registered_on"),
        ]

    def __str__(self):
        return f"{self.name} ({self.bin})"

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    def clean(self):
        """Rules a form, the admin and the import share; the field validators run before."""
        errors = {}
        try:
            validate_bin_matches_registration(self.bin or "", self.registered_on)
        except ValidationError as exc:
            errors["registered_on"] = exc.messages
        region_changed = self._state.adding or (
            self.region_id
            and NGO.objects.filter(pk=self.pk).exclude(region_id=self.region_id).exists()
        )
        if self.region_id and region_changed and not self.region.is_current:
            errors["region"] = _(
                "%(region)s no longer exists; choose the region the organisation is in today."
            ) % {"region": self.region}
        if errors:
            raise ValidationError(errors)

    @property
    def liquidated_on(self) -> datetime.date | None:
        if self.status != self.Status.LIQUIDATED or self.status_changed_at is None:
            return None
        return timezone.localdate(self.status_changed_at)

    def report_years(self, on: datetime.date | None = None) -> range:
        """The years an annual report can be filed for: from registration to liquidation."""
        first = max(1991, self.registered_on.year if self.registered_on else 1991)
        last = last_ended_year(on)
        if self.liquidated_on:
            last = min(last, self.liquidated_on.year)
        return range(first, last + 1)

    def public_status_explanation(self, years=None) -> str:
        """Why the NGO has its status, in words a citizen understands, from the filed reports
        (`years`: the years it has filed, when the caller has them already)."""
        from django.utils.translation import gettext

        due = report_year_due()
        if years is None:
            years = set(self.annual_reports.submitted().values_list("year", flat=True))
        if self.status == self.Status.PASSIVE:
            return gettext("No annual information for %(year)s has been filed.") % {"year": due}
        if self.status == self.Status.ACTIVE:
            filed = max((y for y in years if y >= due), default=due)
            return gettext("Annual information for %(year)s has been filed.") % {"year": filed}
        if self.status == self.Status.VERIFIED:
            if not years:
                return gettext("Verified by the ministry; no annual information filed yet.")
            if self.registered_on and self.registered_on.year > due:
                return gettext(
                    "Verified by the ministry; its first annual information is not due yet."
                )
            return gettext(
                "Verified by the ministry; annual information for %(year)s has not been filed."
            ) % {"year": due}
        return self.status_reason

    # Fields a funder or citizen relies on, and their weight in the profile-completeness level.
    COMPLETENESS_FIELDS = tuple(
        dict.fromkeys(
            "description" if f.startswith("description_") else f  # any language counts
            for f in PROFILE_FIELDS
            if f not in ("legal_form", "kind", "region")  # required, so always filled
        )
    )

    def report_year_open(self, filed: set[int] | None = None) -> int | None:
        """The year whose annual information the NGO should file now; None when nothing is due.

        The overdue year first (`report_year_due`), then, until 31 March, last year's.
        """
        if filed is None:
            filed = set(self.annual_reports.submitted().values_list("year", flat=True))
        for year in range(report_year_due(), common.today().year):
            if year not in filed and not (self.registered_on and self.registered_on.year > year):
                return year
        return None

    def completeness(self, reports=None) -> int:
        """Profile completeness in percent: filled profile fields count 70%, filed reports 30%."""
        filled = sum(1 for f in self.COMPLETENESS_FIELDS if getattr(self, f) not in (None, ""))
        score = 70 * filled / len(self.COMPLETENESS_FIELDS)
        if not self.activity_areas.all():
            score -= 5
        if reports is None:
            reports = self.annual_reports.filter(status=AnnualReport.Status.SUBMITTED)
        years = {r.year for r in reports if r.status == AnnualReport.Status.SUBMITTED}
        last = report_year_due()
        score += 20 if last in years else 0
        score += 10 if {last - 1, last - 2} & years else 0
        return max(0, min(100, round(score)))

    def completeness_level(self, reports=None, score: int | None = None) -> str:
        if score is None:
            score = self.completeness(reports)
        if score >= 80:
            return _("High")
        if score >= 50:
            return _("Medium")
        return _("Low")


class NameWord(models.Model):
    """Every word (lexeme) of the NGOs' names, kept by database triggers (migration 0010).

    A typed word that is in no name is looked up here by trigram distance, so that one-word typos
    («Какмор» for «Камкор») still find the organisation. Words of renamed NGOs stay: a correction
    to a word no name has any more simply finds nothing.
    """

    word = models.TextField(primary_key=True)

    class Meta:
        indexes = [
            GistIndex(OpClass("word", "gist_trgm_ops"), name="name_word_trgm"),
            # The suggestions: the words that begin with what is typed (LIKE 'ынтым%').
            models.Index(OpClass("word", "text_pattern_ops"), name="name_word_prefix"),
        ]

    def __str__(self):
        return self.word


class Membership(models.Model):
    """An NGO's membership in an umbrella association (itself an NGO)."""

    association = models.ForeignKey(
        NGO, models.CASCADE, related_name="member_links", verbose_name=_("association")
    )
    member = models.ForeignKey(
        NGO, models.CASCADE, related_name="memberships", verbose_name=_("member")
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["-joined_on"]
        verbose_name = _("association membership")
        verbose_name_plural = _("association memberships")
        indexes = [
            # An umbrella's page lists its newest current members first (thousands at scale).
            models.Index(
                "association",
                models.F("joined_on").desc(),
                "id",
                condition=Q(left_on__isnull=True),
                name="membership_current_newest",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "member", "joined_on"], name="membership_unique"
            ),
            models.CheckConstraint(
                condition=~Q(association=models.F("member")), name="membership_not_self"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_period",
            ),
        ]

    def __str__(self):
        return f"{self.member} → {self.association}"


class ResourceCentre(models.Model):
    class Level(models.TextChoices):
        OBLAST = "oblast", _("Oblast")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")
        VILLAGE = "village", _("Village")

    ngo = models.ForeignKey(
        NGO, models.CASCADE, related_name="resource_centres", verbose_name=_("NGO")
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-since"]
        verbose_name = _("resource centre")
        verbose_name_plural = _("resource centres")

    def __str__(self):
        return f"{self.ngo} ({self.get_level_display()})"
