"""Search at the scale of a register grown tenfold: 250,000 NGOs, in a database of its own.

Run by bench/run.py (after the 25,000-NGO measurements), or alone:
    .venv/bin/python bench/search.py            # the figures
    .venv/bin/python bench/search.py --explain  # and the plans of a common word's queries
The first run creates `bench_search_250k` and fills it with `load_demo_data --ngos 250000`
(a few minutes); later runs reuse it. Drop the database to start afresh.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402 - bench/common.py: Django set up, the Row and the timing helpers
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

LARGE_DATABASE, LARGE_NGOS = "bench_search_250k", 250_000
TARGET_MS = {LARGE_NGOS: 100, common.BENCH_NGOS: 50}
# In every demo NGO's description ("works in the territory of ..."): the most common words.
COMMON_WORDS = {"kk": "аумағында", "ru": "территории", "en": "work"}
# In 85% of the names ("public association/foundation"): the most common name words.
NAME_WORDS = {"kk": "қоғамдық", "ru": "общественный", "en": "public"}
# Name words whose hits all lay late in the name order while it was the official name's: Russian
# names start with the legal form (every «частное учреждение» after 230,000 others at 250k),
# Kazakh ones with the region («Шығыс Қазақстан облысының…» under Ш). Ordered by the own name
# (issue 22) their hits spread over the whole order; they stay here as the worst case of before.
LATE_WORDS = {"kk": "шығыс", "ru": "частное"}
# The first letters of a name while one still types, a Kazakh name in Latin letters (2021
# alphabet and the usual transliteration), and what the search box suggests as one types.
PREFIXES = {"kk": "ынтым", "ru": "ком"}
LATIN = {"kk": "Qamqor", "ru": "Zhastar"}
SUGGESTION_TARGET_MS = 30


def use_database(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    connection.settings_dict["NAME"] = name


def fill(ngos: int) -> None:
    from registry.models import NGO

    call_command("migrate", verbosity=0)
    if NGO.objects.count() < ngos:
        call_command("load_demo_data", ngos=ngos)


def search_rows(ngos: int) -> list:
    """The searches of the issue at this register's size, each against its target."""
    from registry.models import NGO

    target = TARGET_MS[ngos]
    scale = f"{ngos // 1000}k"
    client = Client()
    rows = []
    for label, words in (
        ("common word", COMMON_WORDS),
        ("name word", NAME_WORDS),
        ("late name word", LATE_WORDS),
        ("first letters", PREFIXES),
        ("Latin letters", LATIN),
    ):
        for lang, word in words.items():
            rows.append(
                common.page_row(
                    client,
                    f"{scale} directory {lang}: {label} «{word}»",
                    f"/{lang}/ngos/?q={word}",
                    target,
                )
            )
            rows.append(
                common.page_row(
                    client,
                    f"{scale} API {lang}: {label} «{word}»",
                    f"/api/v1/ngos/?q={word}",
                    target,
                )
            )
    rare = f"?q={common.SEARCH_WORD}&region={common.REGION_KATO}&area={common.AREA_CODE}"
    rows.append(
        common.page_row(
            client, f"{scale} directory: rare word + region + area", f"/ru/ngos/{rare}", target
        )
    )
    rows.append(
        common.page_row(
            client, f"{scale} API: rare word + region + area", f"/api/v1/ngos/{rare}", target
        )
    )
    rows.append(common.page_row(client, f"{scale} directory, no search", "/ru/ngos/", target))
    rows.append(
        common.page_row(
            client, f"{scale} directory: one-word typo «Какмор»", "/ru/ngos/?q=Какмор", target
        )
    )
    for typed in ("ынтым", "Qamq", "ко"):
        rows.append(
            common.page_row(
                client,
                f"{scale} suggestions «{typed}»",
                f"/api/v1/ngos/suggest/?q={typed}",
                SUGGESTION_TARGET_MS,
            )
        )
    ngo = NGO.objects.public().order_by("pk").first()
    rows.append(  # the baseline of a page that searches nothing; its target as in bench/run.py
        common.page_row(
            client, f"{scale} NGO page", f"/ru/ngos/{ngo.bin}/", common.NGO_PAGE_TARGET_MS
        )
    )
    rows += first_visit_rows(client, scale)
    return rows


def first_visit_rows(client, scale: str) -> list:
    """The same searches for the first visitor after the data changed: the capped count and
    where a name tier's hits begin are kept per generation of the data (config.cache), so the
    rows above measure a popular search; these compute everything (for information)."""
    from django.test import override_settings

    rows = []
    with override_settings(GENERATION_CACHE_SECONDS=0):
        for label, lang, word in (
            ("common word", "ru", COMMON_WORDS["ru"]),
            ("name word", "ru", NAME_WORDS["ru"]),
            ("late name word", "ru", LATE_WORDS["ru"]),
            ("late name word", "kk", LATE_WORDS["kk"]),
            ("first letters", "kk", PREFIXES["kk"]),
            ("first letters", "ru", PREFIXES["ru"]),
            ("Latin letters", "kk", LATIN["kk"]),
            ("one-word typo", "ru", "Какмор"),
        ):
            name = f"{scale} first visit {lang}: {label} «{word}»"
            row = common.page_row(client, name, f"/{lang}/ngos/?q={word}", 0)
            row.target, row.passed = "(information)", None
            rows.append(row)
    return rows


def explain(url: str) -> None:
    """EXPLAIN ANALYZE of every query of one request that reads the NGO table."""
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(f"\n### {url}\n")
    settings = {"enable_seqscan": "on", "enable_bitmapscan": "on"}  # as the request set them
    for query in queries.captured_queries:
        sql = query["sql"]
        if "set_config" in sql:
            for name in settings:
                settings[name] = "off" if f"set_config('{name}', 'off'" in sql else "on"
            continue
        if "registry_ngo" not in sql or "SAVEPOINT" in sql:
            continue
        with connection.cursor() as cursor:
            for name, value in settings.items():
                cursor.execute(f"SET {name} = {value}")
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("RESET enable_seqscan; RESET enable_bitmapscan")
        print(f"```\n{plan}\n```\n")


def large_rows() -> list:
    use_database(LARGE_DATABASE)
    fill(LARGE_NGOS)
    common.describe_register(LARGE_DATABASE)
    return search_rows(LARGE_NGOS)


def main() -> int:
    from django.conf import settings

    settings.DEBUG = False  # as common.use_bench_database: measure what production runs
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    rows = large_rows()
    common.print_table(rows)
    if "--explain" in sys.argv:
        for url in (
            f"/ru/ngos/?q={COMMON_WORDS['ru']}",
            f"/kk/ngos/?q={NAME_WORDS['kk']}",
            "/ru/ngos/?q=Какмор",
        ):
            explain(url)
    return 1 if any(r.passed is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
