import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.contrib.postgres.search import (
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import roles

from .bin import validate_bin, validate_bin_matches_registration

kato_validator = RegexValidator(r"^\d{9}$", _("A KATO code has 9 digits."))


def current_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def today() -> datetime.date:
    return timezone.localdate()


def report_year_due(on: datetime.date | None = None) -> int:
    """The year whose annual information an NGO must have filed to count as active.

    Last year once its deadline (31 March) has passed, the year before until then. The one notion
    that filing, verification, passive marking and the NGO page all use.
    """
    on = on or today()
    return on.year - 1 if on > datetime.date(on.year, 3, 31) else on.year - 2


def last_ended_year(on: datetime.date | None = None) -> int:
    """The latest year a report can be filed for: an unfinished year has no annual figures."""
    return (on or today()).year - 1


def not_in_future(day: datetime.date) -> None:
    if day and day > today():
        raise ValidationError(
            _("The date %(date)s is in the future."),
            code="future_date",
            params={"date": day.strftime("%d.%m.%Y")},
        )


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
    """The sort key of the names in `language` (Kazakh as fallback), stored as `sort_<language>`."""
    if language not in NAME_LANGUAGES or language == "kk":
        return KazakhSortKey("name_kk")
    return KazakhSortKey(Coalesce(f"name_{language}", "name_kk"))


def name_order(language: str | None) -> F:
    """The stored sort key the directory orders by in the page's language."""
    return F(f"sort_{language if language in NAME_LANGUAGES else 'kk'}")


def name_document() -> SearchVector:
    """The names in the three languages, weight A; the search document adds the descriptions."""
    return (
        SearchVector(Fold("name_kk"), config="simple", weight="A")
        + SearchVector("name_ru", config="russian", weight="A")
        + SearchVector("name_en", config="english", weight="A")
        + SearchVector(Fold("name_ru"), config="simple", weight="A")
    )


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

    def territory(self) -> list[int]:
        """This region, its parts and the ended regions whose records it now covers.

        An ended region counts when its territory went here (`successor`, a rename) or when this
        region was carved out of it (`split_from`): records kept under South Kazakhstan belong to
        both Turkistan and Shymkent. A predecessor that still exists keeps its own records.
        """
        ids, seen, frontier = [], set(), [self]
        while frontier:
            region = frontier.pop()
            if region.pk in seen:
                continue
            seen.add(region.pk)
            ids += region.with_descendants()
            ended = Region.objects.filter(valid_to__isnull=False, valid_to__lte=today())
            frontier += list(ended.filter(successor=region))
            if region.split_from_id:
                frontier += list(ended.filter(pk=region.split_from_id))
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
        """Full-text search in the three languages; name words with a typo corrected when it finds
        nothing. The result is ordered and paged by `registry.search` (see there why)."""
        from .search import search

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

    def completeness_level(self, reports=None, score: int | None = None) -> str:
        if score is None:
            score = self.completeness(reports)
        if score >= 80:
            return _("High")
        if score >= 50:
            return _("Medium")
        return _("Low")


# The largest figure a report may hold: more is a typo (or a joke), never an NGO's year. One
# trillion tenge keeps every amount and every total of five within JavaScript's safe integers.
MONEY_LIMIT = 1_000_000_000_000
FIGURE_LIMITS = {
    "income_state_order": MONEY_LIMIT,
    "income_grants": MONEY_LIMIT,
    "income_donations": MONEY_LIMIT,
    "income_foreign": MONEY_LIMIT,
    "income_own": MONEY_LIMIT,
    "expense_programmes": MONEY_LIMIT,
    "expense_salaries": MONEY_LIMIT,
    "expense_administration": MONEY_LIMIT,
    "expense_assets": MONEY_LIMIT,
    "expense_other": MONEY_LIMIT,
    "property_value": MONEY_LIMIT,
    "staff_count": 100_000,
    "volunteer_count": 1_000_000,
    "beneficiary_count": 20_000_000,  # the population of Kazakhstan
    "project_count": 10_000,
    "member_count": 10_000_000,
}


class NameWord(models.Model):
    """Every word (lexeme) of the NGOs' names, kept by database triggers (migration 0010).

    A typed word that is in no name is looked up here by trigram distance, so that one-word typos
    («Какмор» for «Камкор») still find the organisation. Words of renamed NGOs stay: a correction
    to a word no name has any more simply finds nothing.
    """

    word = models.TextField(primary_key=True)

    class Meta:
        indexes = [GistIndex(OpClass("word", "gist_trgm_ops"), name="name_word_trgm")]

    def __str__(self):
        return self.word


class FigureLimit(MaxValueValidator):
    """Refuses an implausible figure with a message that names the bound."""

    message = _("At most %(limit)s; check the figure.")

    def __call__(self, value):
        if value is not None and value > self.limit_value:
            raise ValidationError(
                self.message,
                code="max_value",
                params={"limit": f"{self.limit_value:,}".replace(",", " ")},
            )


def money(verbose_name, **kwargs):
    return models.PositiveBigIntegerField(
        verbose_name,
        validators=[FigureLimit(MONEY_LIMIT)],
        blank=kwargs.get("null", False),
        **kwargs,
    )


def count(verbose_name, limit: int, **kwargs):
    return models.PositiveIntegerField(
        verbose_name, validators=[FigureLimit(limit)], blank=kwargs.get("null", False), **kwargs
    )


class AnnualReportQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=AnnualReport.Status.SUBMITTED)

    def latest_versions(self):
        """For each NGO and year, only the newest submitted version."""
        return self.submitted().order_by("ngo_id", "-year", "-version").distinct("ngo_id", "year")

    def latest_of_year(self, ngo):
        """Submitted reports of `ngo` (a value or OuterRef) that no later version corrects."""
        newer = AnnualReport.objects.filter(
            ngo=OuterRef("ngo"),
            year=OuterRef("year"),
            status=AnnualReport.Status.SUBMITTED,
            version__gt=OuterRef("version"),
        )
        return self.submitted().filter(ngo=ngo).exclude(Exists(newer))

    def covering(self, report_year: int, ngo):
        """Submitted reports of `ngo` that satisfy the year due: that year or a later one."""
        return self.submitted().filter(ngo=ngo, year__gte=report_year)


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
    income_state_order = money(_("state social order, ₸"), default=0)
    income_grants = money(_("grants, ₸"), default=0)
    income_donations = money(_("donations, ₸"), default=0)
    income_foreign = money(_("foreign sources, ₸"), default=0)
    income_own = money(_("own income, ₸"), default=0)
    # How the money was spent; empty in reports filed before the register asked for it.
    expense_programmes = money(_("spent on programmes and services, ₸"), null=True)
    expense_salaries = money(_("spent on salaries and social tax, ₸"), null=True)
    expense_administration = money(_("spent on rent and administration, ₸"), null=True)
    expense_assets = money(_("spent on equipment and property, ₸"), null=True)
    expense_other = money(_("other expenses, ₸"), null=True)
    staff_count = count(_("staff"), FIGURE_LIMITS["staff_count"], default=0)
    volunteer_count = count(_("volunteers"), FIGURE_LIMITS["volunteer_count"], default=0)
    beneficiary_count = count(_("beneficiaries"), FIGURE_LIMITS["beneficiary_count"], default=0)
    project_count = count(_("projects"), FIGURE_LIMITS["project_count"], default=0)
    member_count = count(_("founders and members"), FIGURE_LIMITS["member_count"], null=True)
    founders = models.TextField(
        _("founders"),
        blank=True,
        help_text=_("The founders (members) at the end of the year, one per line."),
    )
    property_value = money(_("property at the end of the year, ₸"), null=True)
    property_description = models.TextField(
        _("property"),
        blank=True,
        help_text=_("What the organisation owns or rents: premises, vehicles, equipment."),
    )
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
    EXPENSE_FIELDS = (
        "expense_programmes",
        "expense_salaries",
        "expense_administration",
        "expense_assets",
        "expense_other",
    )
    COUNT_FIELDS = ("staff_count", "volunteer_count", "beneficiary_count", "project_count")
    FIGURE_FIELDS = (*INCOME_FIELDS, *EXPENSE_FIELDS, *COUNT_FIELDS)
    # Everything a report holds, in the order the form asks for it.
    REPORT_FIELDS = (
        *FIGURE_FIELDS,
        "member_count",
        "founders",
        "property_value",
        "property_description",
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
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__lte": limit}), name=f"annual_report_{name}_limit"
                )
                for name, limit in FIGURE_LIMITS.items()
            ],
        ]

    def __str__(self):
        return f"{self.ngo.bin} {self.year} v{self.version}"

    @property
    def total_income(self) -> int:
        return sum(getattr(self, f) or 0 for f in self.INCOME_FIELDS)

    @property
    def total_expenses(self) -> int | None:
        """None when the report predates the question of how the money was spent."""
        spent = [getattr(self, f) for f in self.EXPENSE_FIELDS]
        return None if all(v is None for v in spent) else sum(v or 0 for v in spent)

    @property
    def spent_more_than_received(self) -> bool:
        spent = self.total_expenses
        return spent is not None and spent > self.total_income

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
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        default=current_language,
        help_text=_("The language of the page the request was made on; the answer is sent in it."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(fields=["user", "ngo"], name="representation_unique"),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="representation_rejection_has_reason",
            ),
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


class ParticularsChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ParticularsChange.Status.PENDING)

    def in_scope_of(self, user):
        return self.filter(ngo__in=NGO.objects.in_scope_of(user))


class ParticularsChange(models.Model):
    """A representative's change of a public NGO's registered particulars, waiting for review.

    `values` holds only the fields that differ, as JSON (foreign keys by id, dates in ISO form);
    the NGO keeps its verified values until an official approves. One pending change per NGO:
    a new edit while one is pending updates it and raises its revision, so an official who
    reviewed an older revision cannot approve values they have not seen.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    ngo = models.ForeignKey(
        NGO, models.CASCADE, related_name="particulars_changes", verbose_name=_("NGO")
    )
    values = models.JSONField(_("proposed values"))
    revision = models.PositiveIntegerField(_("revision"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason for the decision"), blank=True)

    objects = ParticularsChangeQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("change of registered particulars")
        verbose_name_plural = _("changes of registered particulars")
        constraints = [
            models.UniqueConstraint(
                fields=["ngo"], condition=Q(status="pending"), name="particulars_one_pending"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""),
                name="particulars_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.ngo.bin} r{self.revision} ({self.status})"

    @staticmethod
    def encode(name: str, value):
        """A form's cleaned value as it is kept in `values`."""
        if isinstance(value, models.Model):
            return value.pk
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def apply_to(self, ngo: NGO) -> None:
        for name, raw in self.values.items():
            field = NGO._meta.get_field(name)
            setattr(ngo, field.attname, None if raw is None else field.to_python(raw))


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
    # How many faults of each kind the file had; the report lists only the first of each kind.
    fault_counts = models.JSONField(_("faults by kind"), default=dict, blank=True)
    error_code = models.CharField(_("error"), max_length=40, blank=True)
    error_params = models.JSONField(_("error details"), default=dict, blank=True)
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

    @property
    def error(self) -> str:
        """Why the job failed, in the language of whoever reads it."""
        from .import_report import message

        return message(self.error_code, self.error_params) if self.error_code else ""

    @property
    def unlisted_faults(self) -> int:
        """Faults counted but left out of the report (beyond the first of their kind)."""
        return max(sum(self.fault_counts.values()) - self.issues.count(), 0)


class ImportIssue(models.Model):
    """One line of an import report: a message code and its parameters, translated when shown."""

    job = models.ForeignKey(ImportJob, models.CASCADE, related_name="issues")
    line = models.PositiveIntegerField(_("row"))
    column = models.TextField(_("column"))
    level = models.CharField(_("level"), max_length=10)
    code = models.CharField(_("message"), max_length=40)
    params = models.JSONField(_("details"), default=dict)
    bin = models.TextField(_("BIN"), blank=True)
    action = models.CharField(_("outcome"), max_length=10, blank=True)

    class Meta:
        ordering = ["line", "pk"]
        verbose_name = _("import report line")
        verbose_name_plural = _("import report lines")
        indexes = [models.Index(fields=["job", "line", "id"], name="import_issue_page")]

    def __str__(self):
        return f"{self.job_id}:{self.line} {self.code}"


class ImportRefusal(models.Model):
    """A refused row of an import and every error that refused it, for the file of refusals."""

    job = models.ForeignKey(ImportJob, models.CASCADE, related_name="refusals")
    line = models.PositiveIntegerField(_("row"))
    reasons = models.JSONField(_("reasons"))  # [[column, code, params], ...]

    class Meta:
        ordering = ["line"]
        verbose_name = _("refused import row")
        verbose_name_plural = _("refused import rows")
        constraints = [
            models.UniqueConstraint(fields=["job", "line"], name="import_refusal_unique_line")
        ]

    def __str__(self):
        return f"{self.job_id}:{self.line}"


class Notification(models.Model):
    """One named event told to one person: the audit of what the product said, and to whom.

    Written by `registry.events.emit`; the unique key makes emitting twice harmless, and
    `sent_at` makes delivering twice harmless. Event names live in code (`events.define`), not
    in a database enum, so a new event needs no migration.
    """

    event = models.CharField(_("event"), max_length=80, db_index=True)
    key = models.CharField(_("key"), max_length=200)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    context = models.JSONField(_("context"), default=dict)
    language = models.CharField(_("language"), max_length=8, default="kk")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "key", "recipient"], name="notification_once_per_recipient"
            )
        ]

    def __str__(self):
        return f"{self.event} {self.key} → {self.recipient_id}"
