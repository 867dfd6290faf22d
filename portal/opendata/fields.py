"""The columns of every open-data table: a fixed code (the same in every language), a type that
CSV on the Web (CSVW) tools understand, a translated title and description, and the model field
it comes from (checked against portal.classification: only public fields are published)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

STRING, DATE, DATETIME, INTEGER, DECIMAL, MONEY, BIN, KATO = (
    "string",
    "date",
    "datetime",
    "integer",
    "decimal",
    "money",
    "bin",
    "kato",
)
# What each type is in CSVW metadata: codes with leading zeros stay strings.
CSVW_DATATYPES = {
    STRING: "string",
    DATE: {"base": "date", "format": "yyyy-MM-dd"},
    DATETIME: {"base": "datetime"},
    INTEGER: "integer",
    DECIMAL: "decimal",
    MONEY: {"base": "integer", "minimum": 0},
    BIN: {"base": "string", "format": r"^\d{12}$"},
    KATO: {"base": "string", "format": r"^\d{9}$"},
}
UNITS = {MONEY: "KZT"}


@dataclass(frozen=True)
class Field:
    code: str
    kind: str
    title: str
    description: str = ""
    source: str = ""  # app_label.Model.field whose classification must be public

    def csvw(self) -> dict:
        column = {
            "name": self.code,
            "titles": self.code,
            "datatype": CSVW_DATATYPES[self.kind],
            "dc:title": str(self.title),
        }
        if self.description:
            column["dc:description"] = str(self.description)
        if self.kind in UNITS:
            column["unitCode"] = UNITS[self.kind]
        return column


def F(code, kind, title, description="", source=""):  # noqa: N802 - reads as a table row
    return Field(code, kind, title, description, source)


NGOS = [
    F("bin", BIN, _("BIN"), _("Business identification number, 12 digits."), "registry.NGO.bin"),
    F("name_kk", STRING, _("Name in Kazakh"), source="registry.NGO.name_kk"),
    F("name_ru", STRING, _("Name in Russian"), source="registry.NGO.name_ru"),
    F("name_en", STRING, _("Name in English"), source="registry.NGO.name_en"),
    F("legal_form", STRING, _("Legal form code"), source="registry.NGO.legal_form"),
    F("kind", STRING, _("Kind code"), _("social, sociopolitical or reformer"), "registry.NGO.kind"),
    F("region_kato", KATO, _("Region KATO code"), source="registry.NGO.region"),
    F("registered_on", DATE, _("Registration date"), source="registry.NGO.registered_on"),
    F(
        "status",
        STRING,
        _("Status code"),
        _("verified, active, passive or liquidated"),
        "registry.NGO.status",
    ),
    F("status_changed_on", DATE, _("Status changed on"), source="registry.NGO.status_changed_at"),
    F("liquidated_on", DATE, _("Liquidation date"), source="registry.NGO.status_changed_at"),
    F(
        "liquidation_reason",
        STRING,
        _("Reason for liquidation"),
        source="registry.NGO.status_reason",
    ),
    F(
        "activity_areas",
        STRING,
        _("Activity area codes"),
        _("Codes separated by a semicolon."),
        "registry.NGO.activity_areas",
    ),
    F("address", STRING, _("Address"), source="registry.NGO.address"),
    F("email", STRING, _("Email of the organisation"), source="registry.NGO.email"),
    F("phone", STRING, _("Phone of the organisation"), source="registry.NGO.phone"),
    F("website", STRING, _("Website"), source="registry.NGO.website"),
    F("head_name", STRING, _("Head"), source="registry.NGO.head_name"),
    F("staff_count", INTEGER, _("Staff"), source="registry.NGO.staff_count"),
    F("volunteer_count", INTEGER, _("Volunteers"), source="registry.NGO.volunteer_count"),
    F("beneficiary_count", INTEGER, _("Beneficiaries"), source="registry.NGO.beneficiary_count"),
    F(
        "former_names",
        STRING,
        _("Former names"),
        _("Earlier names in any language, oldest first, separated by “ | ”."),
        "registry.NGO.name_ru",
    ),
]

NGO_NAMES = [
    F("bin", BIN, _("BIN"), source="registry.NGO.bin"),
    F("name_kk", STRING, _("Name in Kazakh"), source="registry.NGO.name_kk"),
    F("name_ru", STRING, _("Name in Russian"), source="registry.NGO.name_ru"),
    F("name_en", STRING, _("Name in English"), source="registry.NGO.name_en"),
    F(
        "used_until",
        DATETIME,
        _("Used until"),
        _("When the register recorded the next name."),
        "registry.NGO.updated_at",
    ),
]

_report = "registry.AnnualReport."
ANNUAL_FIGURES = [
    F("bin", BIN, _("BIN"), source="registry.NGO.bin"),
    F("year", INTEGER, _("Year"), source=_report + "year"),
    F(
        "version",
        INTEGER,
        _("Version"),
        _("1 for the first filing; a correction is a new version."),
        _report + "version",
    ),
    F("submitted_at", DATETIME, _("Submitted"), source=_report + "submitted_at"),
    *[
        F(name, MONEY, title, _("Whole tenge."), _report + name)
        for name, title in (
            ("income_state_order", _("Income: state social order, ₸")),
            ("income_grants", _("Income: grants, ₸")),
            ("income_donations", _("Income: donations, ₸")),
            ("income_foreign", _("Income: foreign sources, ₸")),
            ("income_own", _("Income: own income, ₸")),
            ("expense_programmes", _("Spent on programmes and services, ₸")),
            ("expense_salaries", _("Spent on salaries and social tax, ₸")),
            ("expense_administration", _("Spent on rent and administration, ₸")),
            ("expense_assets", _("Spent on equipment and property, ₸")),
            ("expense_other", _("Other expenses, ₸")),
            ("property_value", _("Property at the end of the year, ₸")),
        )
    ],
    *[
        F(name, INTEGER, title, source=_report + name)
        for name, title in (
            ("staff_count", _("Staff")),
            ("volunteer_count", _("Volunteers")),
            ("beneficiary_count", _("Beneficiaries")),
            ("project_count", _("Projects")),
            ("member_count", _("Founders and members")),
        )
    ],
    F("founders", STRING, _("Founders"), source=_report + "founders"),
    F("property_description", STRING, _("Property"), source=_report + "property_description"),
]

AWARDS = [
    F("year", INTEGER, _("Year"), source="tenders.Competition.year"),
    F("competition", STRING, _("Competition number"), source="tenders.Competition.number"),
    F(
        "mechanism",
        STRING,
        _("Funding mechanism code"),
        _("social_order, grant, strategic_partnership or award"),
        "tenders.Competition.mechanism",
    ),
    F("organiser_code", STRING, _("Organiser code"), source="tenders.Competition.organiser"),
    F("lot", STRING, _("Lot code"), source="tenders.Lot.number"),
    F("theme", STRING, _("Theme"), source="tenders.Lot.theme"),
    F(
        "region_kato",
        KATO,
        _("Region KATO code"),
        _("Empty for a lot covering the whole country."),
        "tenders.Lot.region",
    ),
    F("activity_area", STRING, _("Activity area code"), source="tenders.Lot.activity_area"),
    F("recipient_bin", BIN, _("Recipient BIN"), source="tenders.Award.ngo"),
    F("recipient_name", STRING, _("Recipient"), source="tenders.Award.recipient_name"),
    F("amount_kzt", MONEY, _("Amount awarded, tenge"), source="tenders.Award.amount"),
    F("decided_on", DATE, _("Decided on"), source="tenders.Award.decided_at"),
    F(
        "results_published_on",
        DATE,
        _("Results published on"),
        source="tenders.Competition.published_at",
    ),
]

_council = "councils.Council."
COUNCILS = [
    F("code", STRING, _("Council code"), source=_council + "code"),
    F("kind", STRING, _("Kind code"), _("public or consultative"), _council + "kind"),
    F("level", STRING, _("Level code"), source=_council + "level"),
    F("state_body", STRING, _("State body code"), source=_council + "state_body"),
    F("region_kato", KATO, _("Region KATO code"), source=_council + "region"),
    F("name_kk", STRING, _("Name in Kazakh"), source=_council + "name_kk"),
    F("name_ru", STRING, _("Name in Russian"), source=_council + "name_ru"),
    F("name_en", STRING, _("Name in English"), source=_council + "name_en"),
    F("founding_act", STRING, _("Founding act"), source=_council + "founding_act"),
    F("founded_on", DATE, _("Founded on"), source=_council + "founded_on"),
    F("selection", STRING, _("Selection code"), source=_council + "selection"),
    F("status", STRING, _("Status code"), _("active or closed"), _council + "status"),
    F("closed_on", DATE, _("Closed on"), source=_council + "closed_on"),
    F("parent", STRING, _("Parent council code"), source=_council + "parent"),
]

_member = "councils.Membership."
COUNCIL_MEMBERS = [
    F("council", STRING, _("Council code"), source=_member + "council"),
    F("name", STRING, _("Member"), source="councils.Person.name"),
    F("affiliation", STRING, _("Affiliation code"), source=_member + "affiliation"),
    F("ngo_bin", BIN, _("NGO BIN"), _("For a civil-society member."), _member + "ngo"),
    F("organisation", STRING, _("Organisation"), source=_member + "organisation"),
    F("role", STRING, _("Role code"), source=_member + "role"),
    F("term_start", DATE, _("Term starts"), source=_member + "term_start"),
    F(
        "term_end",
        DATE,
        _("Term ends"),
        _("The first day no longer in office."),
        _member + "term_end",
    ),
    F("selection", STRING, _("Selection code"), source=_member + "selection"),
]

_item = "accountability.Item."
ACTION_PLANS = [
    F("forum", STRING, _("Forum number"), source="forums.Forum.number"),
    F("recommendation", STRING, _("Recommendation code"), source="forums.Recommendation.code"),
    F("item", STRING, _("Plan item code"), source=_item + "code"),
    F("parent_item", STRING, _("Parent item code"), _("Empty for a plan item."), _item + "parent"),
    F("title_kk", STRING, _("Title in Kazakh"), source=_item + "title_kk"),
    F("title_ru", STRING, _("Title in Russian"), source=_item + "title_ru"),
    F("title_en", STRING, _("Title in English"), source=_item + "title_en"),
    F("responsible_body", STRING, _("Responsible body code"), source=_item + "responsible_body"),
    F("region_kato", KATO, _("Region KATO code"), source=_item + "region"),
    F("deadline", DATE, _("Deadline"), source=_item + "deadline"),
    F("status", STRING, _("Status code"), source=_item + "status"),
    F("progress", INTEGER, _("Progress, %"), source=_item + "progress"),
    F("updated_at", DATETIME, _("Updated"), source=_item + "updated_at"),
]

_change = "accountability.Change."
ACTION_PLAN_CHANGES = [
    F("item", STRING, _("Plan item code"), source=_item + "code"),
    F("at", DATETIME, _("When"), source=_change + "at"),
    F(
        "kind",
        STRING,
        _("Kind code"),
        _("created, progress, status, deadline or note"),
        _change + "kind",
    ),
    F("old_value", STRING, _("Old value"), source=_change + "old_value"),
    F("new_value", STRING, _("New value"), source=_change + "new_value"),
    F("by_body", STRING, _("On behalf of (state body code)"), source=_change + "by_body"),
    F("note", STRING, _("Note"), source=_change + "note"),
    F("evidence_url", STRING, _("Evidence link"), source=_change + "evidence_url"),
    F("computed", STRING, _("Computed from its parts"), _("true or false"), _change + "computed"),
]
