"""How names are folded, ordered and searched: the SQL functions of migrations 0005 and
0010 as Django expressions. Below the models, so that search can use them without the models."""

from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce, Concat

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


class OwnName(models.Func):
    """registry_own_name(text): the NGO's own name within its official name (migration 0015).

    The part in quotes («Ақжол», "Green World"), or else the name without its legal-form and
    place words: «Некоммерческая организация «Акжол» города Алматы» is «Акжол»."""

    function = "registry_own_name"
    output_field = models.TextField()


def name_in(language: str | None):
    """The name in `language`, the Kazakh name where it has none."""
    if language not in NAME_LANGUAGES or language == "kk":
        return F("name_kk")
    return Coalesce(f"name_{language}", "name_kk")


def name_sort_key(language: str | None):
    """The sort key of the names in `language` (Kazakh as fallback), stored as `sort_<language>`:
    the own name first, then the whole name (so the legal form and place order the namesakes)."""
    name = name_in(language)
    return KazakhSortKey(Concat(OwnName(name), models.Value(" "), name))


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
