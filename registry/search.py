"""The directory's text search, at a cost that does not grow with the number of hits.

Ranking every hit (ts_rank) and counting them all made a common word cost as much as the register
is large. Instead:

* Results come in two tiers: the NGOs whose *name* matches, then those matched by their
  description only; each tier in name order (the page's language, Kazakh alphabet). Both orders
  are served by indexes (`name_document` GIN, the name sort-key B-trees), so a page reads the rows
  it shows, whether the word is in 10 names or in 100,000.
* The count is exact up to COUNT_CAP; above it the page says "10 000+" and the API sets
  `count_capped`. Pages reach as far as the cap: a search with more hits is narrowed by a word or a
  filter (the exports, which stream every row, are not capped).
* The last word typed is also taken as the beginning of a word («Ынтым» finds «Ынтымақ»), so
  what people type while they still type finds what they mean.
* Kazakh typed in Latin letters (the alphabet of 2021, «Qamqor», or the usual transliteration,
  «Zhastar») is also searched as the Cyrillic it spells (`cyrillic`).
* A word that is in no name (a typo: «Какмор» for «Камкор») is replaced by the name words
  (registry_nameword, kept by triggers) within one or two letters of it, found by trigram
  distance — only when the search as typed finds fewer than FEW, so common searches never pay
  for it.
"""

import hashlib
import re
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Value
from django.utils.functional import cached_property

from config.cache import per_generation
from config.routers import read_alias

from .names import Fold, name_order

COUNT_CAP = 10_000
NAME_HIT = "name_hit"  # the alias that marks a text search: true when the NGO's name matches
FEW = 10  # fewer exact hits than this, and words that are in no name are corrected too
WALK_FROM = 1_000  # a tier with this many hits is read along the name-order index
CANDIDATES = 30  # nearest name words (by trigram distance) whose spelling is then compared


def search(queryset, text: str):
    text = " ".join(text.split())[:200]
    if not text:
        return queryset
    digits = text.replace(" ", "")
    if digits.isdigit() and len(digits) >= 4:
        return queryset.filter(bin__startswith=digits)
    query = (
        SearchQuery(Fold(Value(text)), config="simple", search_type="websearch")
        | SearchQuery(text, config="russian", search_type="websearch")
        | SearchQuery(text, config="english", search_type="websearch")
    )
    spellings = [text]
    if LATIN.search(text):
        spellings.append(cyrillic(text))
        query |= SearchQuery(Fold(Value(spellings[-1])), config="simple", search_type="websearch")
    for spelling in spellings:
        begun = prefix_query(spelling)
        if begun is not None:
            query |= begun
    matches = matching(queryset, query)
    found = matches.order_by().values("pk")[:FEW].count()
    if found >= FEW:
        return matches
    corrected = corrected_query(text)
    if corrected is None:
        return matches
    if found:  # «Мейрим» finds «Мейрам» by the Russian stem, and is a typo of «Мейірім» too
        return matching(queryset, query | corrected)
    return matching(queryset, corrected).alias(approximate=Value(True))


def prefix_query(text: str) -> SearchQuery | None:
    """Every word typed, the last one as the beginning of a word; None for a search with
    operators (quotes, a minus, «or»), which websearch reads as the person meant them."""
    if '"' in text or re.search(r"(^|\s)-|\sor\s", text, re.IGNORECASE):
        return None
    words = re.findall(r"[^\W_]+", text)
    if not words:
        return None
    raw = " & ".join([*words[:-1], f"{words[-1]}:*"])
    return SearchQuery(Fold(Value(raw)), config="simple", search_type="raw")


# Kazakh in Latin letters, spelled back in Cyrillic as registry_fold folds it (қ→к, ң→н, ғ→г,
# ү and ұ→у, ө→о, ә→а, і→и): the alphabet of 2021 (Q, J, Ñ, Ğ, Ü, Ū, Ö, Ä, Ş, I, Y) and the
# usual transliteration (Zh, Sh, Ng, Gh, Ch, Kh).
LATIN = re.compile(r"[a-zäöüūñğşıç]", re.IGNORECASE)
LATIN_SOUNDS = [
    (r"zh", "ж"),
    (r"sh", "ш"),
    (r"ch", "ч"),
    (r"gh", "г"),
    (r"kh", "х"),
    (r"ts", "ц"),
    (r"ng(?![aeiouyäöüūı])", "н"),
    (r"(?:(?<=^)|(?<=[^a-zäöüū]))y(?=[aeiouäöüū])|(?<=[aeiouäöüū])y", "й"),
]
LATIN_LETTERS = str.maketrans(
    {
        **dict(zip("abcdefghijklmnopqrstuvwyz", "абцдефгхижклмнопкрстувуыз", strict=True)),
        "x": "кс",
        "ä": "а",
        "ö": "о",
        "ü": "у",
        "ū": "у",
        "ñ": "н",
        "ğ": "г",
        "ş": "ш",
        "ı": "ы",
        "ç": "ч",
        "\u0307": "",  # the dot of İ once lower-cased
    }
)


def cyrillic(text: str) -> str:
    """«Qamqor» → «камкор», «Zhastar» → «жастар», «Tañ» and «Tang» → «тан»."""
    spelled = text.lower()
    for latin, letter in LATIN_SOUNDS:
        spelled = re.sub(latin, letter, spelled)
    return spelled.translate(LATIN_LETTERS)


def matching(queryset, query):
    return queryset.filter(search_document=query).alias(
        **{NAME_HIT: ExpressionWrapper(Q(name_document=query), output_field=BooleanField())}
    )


def relevance_order(queryset, language: str | None):
    """Names that match first, then descriptions; each in name order."""
    return queryset.order_by(F(NAME_HIT).desc(), name_order(language).asc(), "pk")


def is_search(queryset) -> bool:
    return hasattr(queryset, "query") and NAME_HIT in queryset.query.annotations


def in_relevance_order(queryset) -> bool:
    order = queryset.query.order_by
    return bool(order) and order[0] == F(NAME_HIT).desc()


# One-word typos


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment: insertions, deletions, substitutions, adjacent swaps."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def corrections(words: list[str]) -> dict[str, list[str]]:
    """For each typed (folded) word, the name words nearest in spelling; itself if it is one."""
    with connections[read_alias()].cursor() as cursor:
        cursor.execute(
            "SELECT t.typed, w.word FROM unnest(%s::text[]) AS t(typed) CROSS JOIN LATERAL "
            "(SELECT word FROM registry_nameword ORDER BY word <-> t.typed LIMIT %s) AS w",
            [words, CANDIDATES],
        )
        nearest = cursor.fetchall()
    found = {}
    for typed in words:
        scored = [(edit_distance(typed, word), word) for t, word in nearest if t == typed]
        scored = [(d, word) for d, word in scored if d <= allowed_distance(typed)]
        best = min((d for d, _word in scored), default=None)
        found[typed] = sorted(word for d, word in scored if d == best) or [typed]
    return found


def corrected_query(text: str) -> SearchQuery | None:
    """The search with each word replaced by the name words it is a typo of; None if no word is."""
    with connections[read_alias()].cursor() as cursor:
        cursor.execute("SELECT registry_fold(%s)", [text])
        words = list(dict.fromkeys(re.findall(r"\w+", cursor.fetchone()[0])))
    if not words:
        return None
    found = corrections(words)
    if all(found[word] == [word] for word in words):
        return None
    query = None
    for word in words:
        either = None
        for alternative in found[word]:
            one = SearchQuery(alternative, config="simple")
            either = one if either is None else either | one
        query = either if query is None else query & either
    return query


# Suggestions

SUGGESTIONS = 8
SUGGESTION_POOL = 200  # words that begin alike, read in index order; the shortest are offered


def suggestions(text: str) -> list[str]:
    """Name words that begin with the last word of `text` (in Latin letters too), shortest first:
    what the directory's search box offers as one types. Two letters at least. A word kept both
    as spelled and folded («ынтымақ», «ынтымак») is offered once, as spelled."""
    words = re.findall(r"[^\W_]+", text)
    if not words or len(words[-1]) < 2 or words[-1].isdigit():
        return []
    begun = [words[-1], cyrillic(words[-1])] if LATIN.search(words[-1]) else [words[-1]]
    # Each beginning a constant of its own statement, so the planner reads the prefix index.
    alike = " UNION ".join(
        "(SELECT word FROM registry_nameword WHERE word LIKE registry_fold(%s) || '%%' "
        "ORDER BY word LIMIT %s)"
        for _ in begun
    )
    with connections[read_alias()].cursor() as cursor:
        cursor.execute(
            # One of each folded form, in Kazakh letters where a name has them (қ sorts after к).
            f"SELECT max(word) FROM ({alike}) AS w GROUP BY registry_fold(word) "
            "ORDER BY length(max(word)), max(word) LIMIT %s",
            [*(value for typed in begun for value in (typed, SUGGESTION_POOL)), SUGGESTIONS],
        )
        return [word for (word,) in cursor.fetchall()]


# Pages


class SearchPaginator(Paginator):
    """Django's paginator, with a count capped at COUNT_CAP and pages read tier by tier when the
    queryset is a text search in relevance order. Any other queryset is paged as usual."""

    @cached_property
    def counted(self) -> int:
        """The exact count, or COUNT_CAP + 1 for a search with more hits than the cap."""
        if not is_search(self.object_list):
            return Paginator.count.func(self)
        return capped_count(self.object_list.order_by().values("pk"))

    @property
    def capped(self) -> bool:
        return is_search(self.object_list) and self.counted > COUNT_CAP

    @cached_property
    def count(self) -> int:
        return min(self.counted, COUNT_CAP) if self.capped else self.counted

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        queryset = self.object_list
        if is_search(queryset) and in_relevance_order(queryset):
            page = tiered_slice(queryset, bottom, top, self.counted)
            return self._get_page(page, number, self)
        return self._get_page(queryset[bottom:top], number, self)


def capped_count(rows) -> int:
    """Counting up to the cap is most of a common word's cost, and the count changes only with
    the data: popular searches keep it for one generation of the public data (config.cache), as
    the competition statistics keep their tables. Keyed by the statement itself, so each filter,
    scope and language has its own."""
    return kept_count(rows, COUNT_CAP + 1)


def kept_count(rows, limit: int) -> int:
    """How many of `rows` there are, up to `limit`, read from the indexes and kept for this
    generation of the public data under the statement itself (each filter, scope and language
    has its own)."""

    def count() -> int:
        with index_scans():
            return rows[:limit].count()

    return per_generation(f"search-count:{statement(rows, limit)}", count)


def statement(queryset, *extra) -> str:
    """A key for what `queryset` asks (its SQL, parameters and database), for per_generation."""
    sql, params = queryset.query.sql_with_params()
    return hashlib.sha256(repr((queryset.db, sql, params, *extra)).encode()).hexdigest()


@contextmanager
def index_scans(walk: bool = False):
    """The planner prices `@@` as free, so for a LIMIT it prefers reading the table until enough
    rows match, unpacking every search document on the way (160 ms for 10,000 of 23,000 rows);
    the GIN index finds them in a few milliseconds. So sequential scans are off for the query.

    With `walk`, bitmap scans are off too: the page is read along the name-order index, which
    finds the first rows of a tier with thousands of hits at once, where the GIN bitmap would
    fetch and sort them all (140 ms for a name word in 6,000 of 250,000 NGOs). The settings are
    local to the transaction and restored afterwards."""
    bitmaps = "off" if walk else "on"
    using = read_alias()
    with transaction.atomic(using=using, savepoint=False), connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_bitmapscan'), "
            "set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', %s, true)",
            [bitmaps],
        )
        seqscan, bitmapscan = cursor.fetchone()[:2]
        try:
            yield
        finally:
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true), "
                "set_config('enable_bitmapscan', %s, true)",
                [seqscan, bitmapscan],
            )


def tiered_slice(queryset, bottom: int, top: int, total: int) -> list:
    """Rows bottom..top of a search in relevance order (`total` hits): name matches, then the
    others. A tier of WALK_FROM hits or more is read along the name-order index."""
    order = queryset.query.order_by[1:]
    names = queryset.filter(**{NAME_HIT: True}).order_by(*order)
    others = queryset.filter(**{NAME_HIT: False}).order_by(*order)
    if total < WALK_FROM:  # few hits: the GIN bitmap and a sort serve both tiers
        names_total = None
        with index_scans():
            found = list(names[bottom:top])
    else:
        # Exact below the limit, and then the page lies within the names.
        names_total = kept_count(names.order_by().values("pk"), max(WALK_FROM, top))
        found = []
        if bottom < names_total and names_total >= WALK_FROM:
            found = walked(names, bottom, top)
        elif bottom < names_total:
            with index_scans():
                found = list(names[bottom:top])
    if len(found) == top - bottom:
        return found
    if names_total is None:
        if found:
            names_total = bottom + len(found)
        else:
            with index_scans():
                names_total = names.order_by().values("pk")[:bottom].count()
    start = max(0, bottom - names_total)
    with index_scans(walk=total - names_total >= WALK_FROM):
        return found + list(others[start : start + top - bottom - len(found)])


def walked(names, bottom: int, top: int) -> list:
    """Rows bottom..top of the names tier, read along the name-order index alone.

    The index holds the name document and the columns the filters use (models.ORDER_COVERS),
    so the ids of the page come from an index-only scan however late in the order the hits lie;
    the search-document condition is left out of it (a name match is a search match, and that
    document is not in the index). Then the rows of those ids, as the queryset reads them."""
    order = names.query.order_by
    walk = names.order_by(*order)
    walk.query.where = _without(walk.query.where, "search_document")
    sort = order[0].expression.name  # sort_<language>, the first key of the order

    def first_hit():
        with index_scans(walk=True):
            return walk.values_list(sort, flat=True).first()

    # Where the hits begin in the order: found once per generation of the data, so a word whose
    # hits all lie late (see bench/README.md) walks the index from there on later visits.
    start = per_generation(f"name-walk:{statement(walk)}", first_hit)
    if start is not None:
        walk = walk.filter(**{f"{sort}__gte": start})
    with index_scans(walk=True):
        ids = list(walk.values_list("pk", flat=True)[bottom:top])
    rows = {row.pk: row for row in names.filter(pk__in=ids).order_by()}
    return [rows[pk] for pk in ids if pk in rows]


def _without(where, column: str):
    """`where` without its top-level conditions on `column` (only when they are ANDed)."""
    if where.connector != "AND" or where.negated:
        return where
    kept = where.clone()
    kept.children = [
        child
        for child in where.children
        if getattr(getattr(getattr(child, "lhs", None), "target", None), "column", None) != column
    ]
    return kept
