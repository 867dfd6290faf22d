"""What every benchmark shares: Django set up for measuring, the targets, the Row of a result
table and the timing helpers. bench/run.py and bench/search.py import it (run by file name)."""

import os
import statistics
import sys
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BENCH_DATABASE = "bench_registry"
BENCH_NGOS = 25_000
IMPORT_ROWS = 25_000
WARMUP, RUNS = 5, 30
SEARCH_WORD = "Мейирим"  # a brand that occurs in about 1.5% of the demo names
REGION_KATO, AREA_CODE = "750000000", "youth"  # the largest region and area: the worst case
PAGE_TARGET_MS, NGO_PAGE_TARGET_MS, IMPORT_TARGET_S = 100, 50, 60


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
