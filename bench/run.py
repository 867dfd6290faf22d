"""Benchmarks of the public register at the real scale: directory, API, NGO page, bulk import.

They run against a database of their own (bench_registry, on the developer's server) filled once
with the demo register, so the developer's data is never touched. Run:
    .venv/bin/python bench/run.py
Exits with status 1 when a measurement misses its target.
"""

import csv
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402 - bench/common.py sets Django up
    AREA_CODE,
    BENCH_NGOS,
    IMPORT_ROWS,
    IMPORT_TARGET_S,
    NGO_PAGE_TARGET_MS,
    PAGE_TARGET_MS,
    REGION_KATO,
    SEARCH_WORD,
    Row,
    describe_register,
    page_row,
    print_table,
    query_count,
    use_bench_database,
)
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

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


def fill_register() -> None:
    from registry.models import NGO

    call_command("migrate", verbosity=0)
    if NGO.objects.count() < BENCH_NGOS:
        call_command("load_demo_data", ngos=BENCH_NGOS)


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
    from registry.demo import DemoRegister
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
