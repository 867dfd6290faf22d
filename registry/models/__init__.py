"""The register's models, one module per concern; every name is importable from here.

common: dates and defaults · reference: regions, activity areas, legal forms, state bodies and
an official's scope · reports: annual information · representation: claims and changes of
particulars · ngos: NGOs, name words, memberships, resource centres · documents · notifications ·
imports: register import jobs and their reports.
"""

from ..names import (
    KAZAKH_ALPHABET,
    KAZAKH_FOLDING,
    NAME_LANGUAGES,
    Fold,
    KazakhSortKey,
    name_document,
    name_order,
    name_sort_key,
)
from .common import current_language, last_ended_year, not_in_future, report_year_due, today
from .documents import Document, document_path
from .imports import ImportIssue, ImportJob, ImportRefusal
from .ngos import (
    NGO,
    ORDER_COVERS,
    PUBLIC,
    SEARCH_INDEXES,
    Membership,
    NameWord,
    NGOQuerySet,
    ResourceCentre,
)
from .notifications import Notification
from .reference import (
    ActivityArea,
    LegalForm,
    Region,
    RegionQuerySet,
    StateBody,
    kato_validator,
    scope_regions,
    scoped,
)
from .reports import (
    FIGURE_LIMITS,
    MONEY_LIMIT,
    AnnualReport,
    AnnualReportQuerySet,
    FigureLimit,
    count,
    money,
)
from .representation import ParticularsChange, ParticularsChangeQuerySet, Representation

__all__ = [
    "FIGURE_LIMITS",
    "KAZAKH_ALPHABET",
    "KAZAKH_FOLDING",
    "MONEY_LIMIT",
    "NAME_LANGUAGES",
    "NGO",
    "ORDER_COVERS",
    "PUBLIC",
    "SEARCH_INDEXES",
    "ActivityArea",
    "AnnualReport",
    "AnnualReportQuerySet",
    "Document",
    "FigureLimit",
    "Fold",
    "ImportIssue",
    "ImportJob",
    "ImportRefusal",
    "KazakhSortKey",
    "LegalForm",
    "Membership",
    "NGOQuerySet",
    "NameWord",
    "Notification",
    "ParticularsChange",
    "ParticularsChangeQuerySet",
    "Region",
    "RegionQuerySet",
    "Representation",
    "ResourceCentre",
    "StateBody",
    "count",
    "current_language",
    "document_path",
    "kato_validator",
    "last_ended_year",
    "money",
    "name_document",
    "name_order",
    "name_sort_key",
    "not_in_future",
    "report_year_due",
    "scope_regions",
    "scoped",
    "today",
]
