import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import roles

from .bin import validate_bin

kato_validator = RegexValidator(r"^\d{9}$", _("A KATO code has 9 digits."))


def today() -> datetime.date:
    return timezone.localdate()


def report_year_due(on: datetime.date | None = None) -> int:
    """The latest year whose annual information is overdue: last year once 31 March has passed."""
    on = on or today()
    return on.year - 1 if on > datetime.date(on.year, 3, 31) else on.year - 2


NAME_LANGUAGES = ("kk", "ru", "en")

# Kazakh letters as people type them on a Russian keyboard (ө as о, ү and ұ as у, ...), and the
# Latin i often typed for і. Search compares names and queries with these letters folded.
KAZAKH_FOLDING = {
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",
}
# The official Kazakh Cyrillic alphabet (42 letters); Russian's 33 letters are in it in their order.
KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


class Fold(models.Func):
    """registry_fold(text): lower case, Kazakh letters folded (migration 0005 defines it)."""

    function = "registry_fold"
    output_field = models.TextField()


class KazakhSortKey(models.Func):
    """registry_sort_key(text): orders by the Kazakh alphabet under any collation, ICU or not.

    Each Cyrillic letter becomes a character whose code point follows the alphabet; punctuation
    such as quotes is dropped, so «Ақ жол» sorts under А.
    """

    function = "registry_sort_key"
    output_field = models.TextField()


def name_sort_key(language: str | None):
    """The expression the directory sorts names by; an index of the same expression backs it."""
    if language not in NAME_LANGUAGES or language == "kk":
        return KazakhSortKey("name_kk")
    return KazakhSortKey(Coalesce(f"name_{language}", "name_kk"))


class RegionQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or today()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_to__isnull=True) | Q(valid_to__gt=on),
        )

    def top_level(self):
        return self.filter(parent__isnull=True)


class Region(models.Model):
    """An administrative-territorial unit (KATO) with the period it existed under this name.

    Renamed or split regions stay as records: `successor` says where an ended region's territory
    went, `split_from` which region a new one was carved out of, so old records keep old names.
    """

    class Level(models.TextChoices):
        OBLAST = "oblast", _("Oblast")
        CITY = "city", _("City of republican significance")
        DISTRICT = "district", _("District or city of oblast significance")

    kato = models.CharField(_("KATO code"), max_length=9, unique=True, validators=[kato_validator])
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor"),
    )
    split_from = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="split_offs",
        verbose_name=_("split off from"),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["kato"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="region_valid_period",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None or self.valid_to > today()

    def as_of(self, day: datetime.date | None) -> "Region":
        """The region record that covered this territory on `day`."""
        if day is None or self.valid_from is None or day >= self.valid_from:
            return self
        before = next(iter(self.predecessors.all()), None) or self.split_from
        return before.as_of(day) if before else self

    def name_on(self, day: datetime.date | None) -> str:
        return self.as_of(day).name

    def with_descendants(self) -> list[int]:
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(Region.objects.filter(parent__in=frontier).values_list("pk", flat=True))
            ids += frontier
        return ids


class ActivityArea(models.Model):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("activity area")
        verbose_name_plural = _("activity areas")

    def __str__(self):
        return self.name


class LegalForm(models.Model):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("legal form")
        verbose_name_plural = _("legal forms")

    def __str__(self):
        return self.name


class StateBody(models.Model):
    """A ministry, akimat or other state body; officials belong to one or more of them."""

    class Level(models.TextChoices):
        REPUBLICAN = "republican", _("Republican")
        OBLAST = "oblast", _("Oblast")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        MINISTRY = "ministry", _("Ministry")
        AKIMAT = "akimat", _("Akimat")
        OPERATOR = "operator", _("Grant operator")
        OTHER = "other", _("Other state body")

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="state_bodies",
        verbose_name=_("region"),
    )
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="state_bodies",
        verbose_name=_("officials"),
    )

    class Meta:
        ordering = ["level", "code"]
        verbose_name = _("state body")
        verbose_name_plural = _("state bodies")
        constraints = [
            models.CheckConstraint(
                condition=Q(level="republican") | Q(region__isnull=False),
                name="state_body_local_has_region",
            )
        ]

    def __str__(self):
        return self.name


def scope_regions(user) -> set[int] | None:
    """The regions (with their districts) an official acts in; None for the whole country."""
    if user.is_superuser or user.groups.filter(name=roles.ADMINISTRATOR).exists():
        return None
    bodies = list(user.state_bodies.select_related("region"))
    if any(body.level == StateBody.Level.REPUBLICAN for body in bodies):
        return None
    return {region_id for body in bodies for region_id in body.region.with_descendants()}


class NGOQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=NGO.PUBLIC_STATUSES)

    def search(self, text: str):
        """Full-text search in the three languages; trigram matching of names when it finds nothing.

        PostgreSQL has no Kazakh stemmer: Kazakh uses the `simple` configuration, Russian and
        English their stemmers. Words with a typo find nothing in the full-text index, so then
        names are matched by trigram word similarity (pg_trgm), which tolerates the typo.
        """
        text = " ".join(text.split())[:200]
        if not text:
            return self
        digits = text.replace(" ", "")
        if digits.isdigit() and len(digits) >= 4:
            return self.filter(bin__startswith=digits)
        folded = Fold(Value(text))
        query = (
            SearchQuery(folded, config="simple", search_type="websearch")
            | SearchQuery(text, config="russian", search_type="websearch")
            | SearchQuery(text, config="english", search_type="websearch")
        )
        matches = self.filter(search_document=query)
        if matches.exists():
            return matches.annotate(relevance=SearchRank(models.F("search_document"), query))
        names = {"name_kk": Fold("name_kk"), "name_ru": Fold("name_ru"), "name_en": "name_en"}
        similar = self.alias(
            approximate=Value(True), folded_kk=names["name_kk"], folded_ru=names["name_ru"]
        ).filter(
            Q(folded_kk__trigram_word_similar=folded)
            | Q(folded_ru__trigram_word_similar=folded)
            | Q(name_en__trigram_word_similar=text)
        )
        return similar.annotate(
            relevance=Greatest(
                TrigramWordSimilarity(folded, Fold(Coalesce("name_kk", Value("")))),
                TrigramWordSimilarity(folded, Fold(Coalesce("name_ru", Value("")))),
                TrigramWordSimilarity(text, Coalesce("name_en", Value(""))),
            )
        )

    def order_by_name(self, descending: bool = False):
        """In Kazakh alphabetical order, in the language of the page (Kazakh name as fallback)."""
        key = name_sort_key(get_language())
        return self.order_by(key.desc() if descending else key.asc(), "pk")

    def in_region(self, region: Region):
        return self.filter(region__in=region.with_descendants())

    def with_state_funding(self):
        funded = AnnualReport.objects.filter(
            ngo=OuterRef("pk"), status=AnnualReport.Status.SUBMITTED
        )
        funded = funded.filter(Q(income_state_order__gt=0) | Q(income_grants__gt=0))
        return self.filter(Exists(funded))

    def in_scope_of(self, user):
        """NGOs an official may act on: all for republican bodies, their region's for local ones."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        regions = scope_regions(user)
        return self if regions is None else self.filter(region__in=regions)

    def represented_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            representatives__user=user, representatives__status=Representation.Status.APPROVED
        )

    def due_to_become_passive(self, report_year: int):
        filed = AnnualReport.objects.filter(
            ngo=OuterRef("pk"), year=report_year, status=AnnualReport.Status.SUBMITTED
        )
        not_yet_founded = Q(registered_on__year__gt=report_year)
        return (
            self.filter(status__in=[NGO.Status.VERIFIED, NGO.Status.ACTIVE])
            .exclude(Exists(filed))
            .exclude(not_yet_founded)
        )


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
    registered_on = models.DateField(_("registration date"), null=True, blank=True)
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
        expression=SearchVector(Fold("name_kk"), config="simple", weight="A")
        + SearchVector("name_ru", config="russian", weight="A")
        + SearchVector("name_en", config="english", weight="A")
        + SearchVector(Fold("name_ru"), config="simple", weight="A")
        + SearchVector(Fold("description_kk"), config="simple", weight="C")
        + SearchVector("description_ru", config="russian", weight="C")
        + SearchVector("description_en", config="english", weight="C"),
        output_field=SearchVectorField(),
        db_persist=True,
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
            GinIndex(fields=["search_document"], name="ngo_search_gin"),
            GinIndex(OpClass(Fold("name_kk"), "gin_trgm_ops"), name="ngo_name_kk_fold_trgm"),
            GinIndex(OpClass(Fold("name_ru"), "gin_trgm_ops"), name="ngo_name_ru_fold_trgm"),
            GinIndex(fields=["name_en"], opclasses=["gin_trgm_ops"], name="ngo_name_en_trgm"),
            models.Index(fields=["region", "status"], name="ngo_region_status"),
            models.Index(fields=["registered_on"], name="ngo_registered_on"),
            *[
                models.Index(name_sort_key(language), name=f"ngo_name_kk_order_{language}")
                for language in NAME_LANGUAGES
            ],
        ]

    def __str__(self):
        return f"{self.name} ({self.bin})"

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    def public_status_explanation(self) -> str:
        """Why the NGO has its status, in words a citizen understands."""
        from django.utils.translation import gettext

        year = report_year_due()
        if self.status == self.Status.PASSIVE:
            return gettext("No annual information for %(year)s has been filed.") % {"year": year}
        if self.status == self.Status.ACTIVE:
            return gettext("Annual information for %(year)s has been filed.") % {"year": year}
        if self.status == self.Status.VERIFIED:
            return gettext("Verified by the ministry; no annual information filed yet.")
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
        for year in range(report_year_due(), today().year):
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

    def completeness_level(self, reports=None) -> str:
        score = self.completeness(reports)
        if score >= 80:
            return _("High")
        if score >= 50:
            return _("Medium")
        return _("Low")


class AnnualReportQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=AnnualReport.Status.SUBMITTED)

    def latest_versions(self):
        """For each NGO and year, only the newest submitted version."""
        return self.submitted().order_by("ngo_id", "-year", "-version").distinct("ngo_id", "year")


class AnnualReport(models.Model):
    """The yearly information an NGO files by 31 March; a correction is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    DEADLINE_MONTH_DAY = (3, 31)

    ngo = models.ForeignKey(
        NGO, models.CASCADE, related_name="annual_reports", verbose_name=_("NGO")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    income_state_order = models.PositiveBigIntegerField(_("state social order, ₸"), default=0)
    income_grants = models.PositiveBigIntegerField(_("grants, ₸"), default=0)
    income_donations = models.PositiveBigIntegerField(_("donations, ₸"), default=0)
    income_foreign = models.PositiveBigIntegerField(_("foreign sources, ₸"), default=0)
    income_own = models.PositiveBigIntegerField(_("own income, ₸"), default=0)
    staff_count = models.PositiveIntegerField(_("staff"), default=0)
    volunteer_count = models.PositiveIntegerField(_("volunteers"), default=0)
    beneficiary_count = models.PositiveIntegerField(_("beneficiaries"), default=0)
    project_count = models.PositiveIntegerField(_("projects"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AnnualReportQuerySet.as_manager()
    history = HistoricalRecords()

    INCOME_FIELDS = (
        "income_state_order",
        "income_grants",
        "income_donations",
        "income_foreign",
        "income_own",
    )
    FIGURE_FIELDS = (
        *INCOME_FIELDS,
        "staff_count",
        "volunteer_count",
        "beneficiary_count",
        "project_count",
    )

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["ngo", "year", "version"], name="annual_report_unique_version"
            ),
            models.UniqueConstraint(
                fields=["ngo", "year"],
                condition=Q(status="draft"),
                name="annual_report_one_open_draft",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1991) & Q(year__lte=2100), name="annual_report_year_range"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="annual_report_submitted_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.ngo.bin} {self.year} v{self.version}"

    @property
    def total_income(self) -> int:
        return sum(getattr(self, f) for f in self.INCOME_FIELDS)

    @property
    def deadline(self) -> datetime.date:
        return datetime.date(self.year + 1, *self.DEADLINE_MONTH_DAY)

    @property
    def reference(self) -> str:
        """The number a representative quotes to the ministry: BIN, year and version."""
        return f"{self.ngo.bin}-{self.year}-v{self.version}"

    @property
    def is_late(self) -> bool:
        """Filed (or, for a draft, to be filed) after 31 March of the following year."""
        filed_on = timezone.localdate(self.submitted_at) if self.submitted_at else today()
        return filed_on > self.deadline

    @property
    def is_blank(self) -> bool:
        """A first version whose figures nobody has entered yet (they are all still 0)."""
        return self.version == 1 and not any(getattr(self, f) for f in self.FIGURE_FIELDS)

    @property
    def filed_on_time(self) -> bool:
        if self.submitted_at is None:
            return False
        return timezone.localdate(self.submitted_at) <= self.deadline


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


class Representation(models.Model):
    """A person acting for an NGO; a claim on an existing NGO waits for an official's approval."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="representations",
        verbose_name=_("user"),
    )
    ngo = models.ForeignKey(
        NGO, models.CASCADE, related_name="representatives", verbose_name=_("NGO")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    position = models.CharField(_("position in the NGO"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(fields=["user", "ngo"], name="representation_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.ngo}"

    def situation(self, filed: set[int]) -> str:
        """The one thing My NGOs says about this NGO; `filed` holds its submitted report years."""
        if self.status != self.Status.APPROVED:
            return f"claim_{self.status}"
        status = self.ngo.status
        if status in (NGO.Status.DRAFT, NGO.Status.SUBMITTED, NGO.Status.REJECTED):
            return status
        if status == NGO.Status.LIQUIDATED:
            return "liquidated"
        year = self.ngo.report_year_open(filed)
        if year is None:
            return "up_to_date"
        return "report_late" if year <= report_year_due() else "report_due"


def document_path(instance, filename):
    return f"ngo-documents/{instance.ngo.bin}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Document(models.Model):
    class Kind(models.TextChoices):
        CHARTER = "charter", _("Charter")
        REGISTRATION = "registration", _("State registration certificate")
        OTHER = "other", _("Other document")

    ngo = models.ForeignKey(NGO, models.CASCADE, related_name="documents", verbose_name=_("NGO"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=document_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size, bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.original_name


class ImportJob(models.Model):
    """One uploaded register file: its dry run or real import, progress and per-line report."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    dry_run = models.BooleanField(_("dry run"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    refused_count = models.PositiveIntegerField(_("refused"), default=0)
    report = models.JSONField(_("report"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self):
        return self.original_name

    @property
    def progress_percent(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
