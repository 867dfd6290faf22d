"""Benchmarks of the public register at the real scale: directory, API, NGO page, bulk import.

They run against a database of their own (bench_registry, on the developer's server) filled once
with the demo register, so the developer's data is never touched. Run:
    .venv/bin/python bench/run.py
Exits with status 1 when a measurement misses its target.
"""

import csv
import io
import os
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("API_ANON_RATE", "1000000/minute")  # one client asks many times in a row
# The work a page costs, not the public cache's copy of it (make load measures the cache).
os.environ.setdefault("PUBLIC_CACHE_SECONDS", "0")
warnings.filterwarnings("ignore", message="No directory at")  # static files are not collected

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BENCH_DATABASE = "bench_registry"
BENCH_NGOS = 25_000
IMPORT_ROWS = 25_000
WARMUP, RUNS = 5, 30
SEARCH_WORD = "Мейирим"  # a brand that occurs in about 1.5% of the demo names
REGION_KATO, AREA_CODE = "750000000", "youth"  # the largest region and area: the worst case
PAGE_TARGET_MS, NGO_PAGE_TARGET_MS, IMPORT_TARGET_S = 100, 50, 60
REGISTER_HEADER = [
    "БИН",
    "Наименование",
    "Организационно-правовая форма",
    "Регион",
    "Дата регистрации",
    "Направления деятельности",
    "Руководитель",
    "Телефон",
    "Email",
]


@dataclass
class Row:
    name: str
    value: str
    target: str
    passed: bool | None  # None: not measured, or measured for information
    p95: str = ""
    queries: str = ""


def use_bench_database() -> None:
    """Create the bench database beside the developer's one and point the connection at it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    connection.close()
    connection.settings_dict["NAME"] = BENCH_DATABASE
    settings.DEBUG = False  # measure what production runs: no query log, no template debugging
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def fill_register() -> None:
    from registry.models import NGO

    call_command("migrate", verbosity=0)
    if NGO.objects.count() < BENCH_NGOS:
        call_command("load_demo_data", ngos=BENCH_NGOS)


def timed_get(client: Client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - started) * 1000, response.status_code


def query_count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def page_row(client: Client, name: str, url: str, target_ms: int) -> Row:
    """Median and 95th percentile of RUNS requests after WARMUP, and the queries of one."""
    _ms, status = timed_get(client, url)
    if status != 200:
        return Row(name, f"HTTP {status}", f"< {target_ms} ms", False)
    for _ in range(WARMUP):
        timed_get(client, url)
    timings = [timed_get(client, url)[0] for _ in range(RUNS)]
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
    return Row(
        name,
        f"{median:.1f} ms",
        f"< {target_ms} ms median",
        median < target_ms,
        p95=f"{p95:.1f} ms",
        queries=str(query_count(client, url)),
    )


def page_size_row(client: Client) -> Row:
    """The directory must not query per NGO: 100 rows take as many queries as 20 (each page
    asked once before, so both find the filter lists kept per generation alike)."""
    for size in (20, 100):
        client.get(f"/ru/ngos/?page_size={size}")
    small, large = (query_count(client, f"/ru/ngos/?page_size={size}") for size in (20, 100))
    ratio = large / small if small else float("nan")
    return Row(
        "Directory queries, page_size 100 / 20",
        f"{large} / {small} = {ratio:.2f}",
        "1.00",
        ratio == 1.0,
    )


def page_rows() -> list[Row]:
    from registry.models import NGO

    region = REGION_KATO  # the filters take KATO codes
    member = NGO.objects.filter(status=NGO.Status.ACTIVE, memberships__isnull=False).order_by("pk")
    umbrella = NGO.objects.filter(member_links__isnull=False).order_by("pk")
    client = Client()
    return [
        page_row(
            client,
            "Directory: search + region + area",
            f"/ru/ngos/?q={SEARCH_WORD}&region={region}&area={AREA_CODE}",
            PAGE_TARGET_MS,
        ),
        page_row(
            client,
            "API list: search + region",
            f"/api/v1/ngos/?search={SEARCH_WORD}&region={region}",
            PAGE_TARGET_MS,
        ),
        page_row(
            client,
            "NGO page (member of an association)",
            f"/ru/ngos/{member.first().bin}/",
            NGO_PAGE_TARGET_MS,
        ),
        page_row(
            client,
            "NGO page (umbrella association)",
            f"/ru/ngos/{umbrella.first().bin}/",
            NGO_PAGE_TARGET_MS,
        ),
        page_size_row(client),
    ]


def register_file(rows: int) -> bytes:
    """A register as officials send it (see /work/shared/samples), of NGOs not yet registered."""
    from registry.management.commands.load_demo_data import DemoRegister
    from registry.models import NGO

    taken = set(NGO.objects.values_list("bin", flat=True))
    plans = DemoRegister(seed=1, taken_bins=taken, taken_names=set()).plans(rows, umbrellas=[])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(REGISTER_HEADER)
    for plan in plans:
        ngo, areas = plan.ngo, ", ".join(a.name_ru.lower() for a in plan.areas)
        writer.writerow(
            [
                ngo.bin,
                ngo.name_ru,
                ngo.legal_form.name_ru,
                ngo.region.name_ru,
                ngo.registered_on.strftime("%d.%m.%Y"),
                areas,
                ngo.head_name,
                ngo.phone,
                ngo.email,
            ]
        )
    return out.getvalue().encode()


def timed_import(importer, data: bytes, dry_run: bool) -> tuple[float, object]:
    """One run of the importer, rolled back afterwards so the bench register keeps its size.

    Constraints are checked immediately, so the checks PostgreSQL defers to commit are timed too.
    """
    from accounts.models import User
    from registry.models import ImportJob

    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        job = ImportJob.objects.create(
            file=ContentFile(data, name="bench-register.csv"),
            original_name="bench-register.csv",
            dry_run=dry_run,
            created_by=admin,
        )
        started = time.perf_counter()
        importer.run_import(job)
        elapsed = time.perf_counter() - started
        job.refresh_from_db()
        transaction.set_rollback(True)
    return elapsed, job


def import_rows() -> list[Row]:
    try:
        from registry import importer
    except ImportError:
        print("Note: registry.importer does not exist yet; the import is not measured.")
        return [Row(f"Import of {IMPORT_ROWS:,} rows", "not measured", "", None)]
    data = register_file(IMPORT_ROWS)
    rows = []
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        for dry_run, label in ((True, "dry run"), (False, "real import")):
            seconds, job = timed_import(importer, data, dry_run)
            done = job.status == job.Status.DONE and job.refused_count == 0
            outcome = f"{seconds:.1f} s" + ("" if done else f" ({job.status}: {job.error[:60]})")
            summary = f"created {job.created_count}, refused {job.refused_count}"
            rows.append(
                Row(
                    f"Import of {IMPORT_ROWS:,} CSV rows, {label}",
                    outcome,
                    f"< {IMPORT_TARGET_S} s",
                    done and seconds < IMPORT_TARGET_S,
                    queries=summary,
                )
            )
    return rows


def print_table(rows: list[Row]) -> None:
    header = ("Measurement", "Median / value", "p95", "SQL queries", "Target", "Result")
    lines = [
        (
            r.name,
            r.value,
            r.p95,
            r.queries,
            r.target,
            {True: "PASS", False: "FAIL", None: "—"}[r.passed],
        )
        for r in rows
    ]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]
    for line in [header, tuple("-" * w for w in widths), *lines]:
        print("  ".join(str(cell).ljust(w) for cell, w in zip(line, widths, strict=True)))


def settle() -> None:
    """VACUUM ANALYZE the register before measuring, as routine maintenance leaves it: a bulk
    load or an earlier run's rolled-back imports leave dead rows and an unset visibility map, and
    the autovacuum that follows would run during the measurements."""
    from registry.models import NGO, AnnualReport

    with connection.cursor() as cursor:
        for model in (NGO, AnnualReport):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def describe_register(database: str = BENCH_DATABASE) -> None:
    from registry.models import NGO, AnnualReport

    settle()
    print(
        f"Database {database}: {NGO.objects.count():,} NGOs, "
        f"{AnnualReport.objects.count():,} annual reports; {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}; {WARMUP} warm-up + {RUNS} timed requests each."
    )


def main() -> int:
    use_bench_database()
    fill_register()
    describe_register()
    import competitions  # noqa: E402 - bench/competitions.py, beside this file
    import search  # noqa: E402 - bench/search.py: search at 25,000 and at 250,000 NGOs

    rows = page_rows() + competitions.rows(Row, page_row, query_count, Client)
    rows += search.search_rows(BENCH_NGOS)
    rows += import_rows()  # last: its rolled-back rows leave dead tuples behind (see settle)
    print_table(rows)
    large = search.large_rows()
    print_table(large)
    rows += large
    return 1 if any(r.passed is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
