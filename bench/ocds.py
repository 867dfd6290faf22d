"""OCDS publication at the demo's 2025 scale (2,400+ awards, their contracts and payments).

    .venv/bin/python bench/ocds.py

Uses the bench database of bench/run.py (created and migrated if missing) and loads the
tenders demo into it once (idempotent). Targets from issue 18: the 2025 bulk package served
from its stored file under 200 ms, rebuilt under 5 s; a per-competition record under 50 ms.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402 - bench/common.py: Django set up, the Row and the timing helpers
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

YEAR = 2025
SERVED_TARGET_MS, REBUILT_TARGET_S, RECORD_TARGET_MS = 200, 5, 50


def fill() -> None:
    from registry.models import NGO
    from tenders import demo, ocds
    from tenders.models import Award

    call_command("migrate", verbosity=0)
    if not NGO.objects.exists():
        call_command("load_demo_data", ngos=common.BENCH_NGOS, verbosity=0)
    if not Award.objects.filter(lot__competition__year=YEAR).exists():
        demo.load()
    ocds.backfill()


def fetch(client: Client, url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    response = client.get(url)
    size = len(b"".join(response.streaming_content) if response.streaming else response.content)
    return (time.perf_counter() - started) * 1000, response.status_code, size


def rows() -> list:
    from django.db.models import Count

    from tenders.models import Award, Competition, Release
    from tenders.ocds import bulk

    fill()
    client = Client()
    url = f"/api/v1/ocds/{YEAR}/releases.json"
    for meta in (bulk.root() / str(YEAR)).glob("*.meta.json"):
        meta.unlink()  # the next request rebuilds the file
    rebuilt_ms, status, size = fetch(client, url)
    served = [fetch(client, url)[0] for _ in range(common.RUNS)]
    awards = Award.objects.published().filter(lot__competition__year=YEAR).count()
    largest = (
        Competition.objects.filter(year=YEAR)
        .annotate(count=Count("releases"))
        .order_by("-count")
        .first()
    )
    record_url = f"/api/v1/ocds/records/{largest.number}.json"
    releases = Release.objects.filter(competition=largest).count()
    return [
        common.Row(
            f"OCDS {YEAR} bulk rebuilt ({awards:,} awards, {size / 1e6:.1f} MB)",
            f"{rebuilt_ms / 1000:.2f} s" if status == 200 else f"HTTP {status}",
            f"< {REBUILT_TARGET_S} s",
            status == 200 and rebuilt_ms < REBUILT_TARGET_S * 1000,
        ),
        common.Row(
            f"OCDS {YEAR} bulk served from its file",
            f"{statistics.median(served):.1f} ms",
            f"< {SERVED_TARGET_MS} ms median",
            statistics.median(served) < SERVED_TARGET_MS,
        ),
        common.page_row(
            client,
            f"OCDS record of {largest.number} ({releases} releases)",
            record_url,
            RECORD_TARGET_MS,
        ),
    ]


def main() -> int:
    common.use_bench_database()
    result = rows()
    common.print_table(result)
    return 1 if any(r.passed is False for r in result) else 0


if __name__ == "__main__":
    sys.exit(main())
