"""Benchmarks of the councils' public pages at 600 councils and 10,000 members.

The councils' demo (564 councils, ~6,450 members, meetings and recommendations) is loaded into
the bench database beside the register, then grown to 600 councils and 10,000 current members.
Targets from the councils issue: the list (with filters) and the statistics page under 100 ms
median, a council page under 50 ms, list queries constant in the page size. Run on its own:
    .venv/bin/python bench/councils.py
or through `rows(...)` like bench/competitions.py.
"""

import datetime
import io
import sys
from pathlib import Path

COUNCILS, MEMBERS = 600, 10_000
LIST_TARGET_MS, PAGE_TARGET_MS = 100, 50


def fill() -> None:
    """The demo, then more councils and members until there are COUNCILS and MEMBERS."""
    from django.utils import timezone

    from councils import demo
    from councils.models import Council, Membership, Person, refresh_flags
    from councils.models.rules import years_from

    demo.load(io.StringIO())
    today = timezone.localdate()
    template = Council.objects.get(code=demo.MARKER)
    missing = COUNCILS - Council.objects.count()
    Council.objects.bulk_create(
        Council(
            code=f"bench-{i}",
            kind=Council.Kind.WORKING,
            level=Council.Level.MINISTRY,
            state_body_id=template.state_body_id,
            parent=template,
            name=f"Bench working group {i}",
            name_kk=f"Бench жұмыс тобы {i}",
            name_ru=f"Рабочая группа {i}",
            name_en=f"Bench working group {i}",
        )
        for i in range(max(missing, 0))
    )
    current = Membership.objects.current(today).count()
    if current >= MEMBERS:
        return
    venues = list(Council.objects.exclude(kind=Council.Kind.PUBLIC).active().order_by("code"))
    people = Person.objects.bulk_create(
        Person(name=f"Bench member {i}") for i in range(MEMBERS - current)
    )
    start = today - datetime.timedelta(days=100)
    Membership.objects.bulk_create(
        (
            Membership(
                council=venues[i % len(venues)],
                person=person,
                affiliation=Membership.Affiliation.ACADEMIA,
                term_start=start,
                term_end=years_from(start, 3),
            )
            for i, person in enumerate(people)
        ),
        batch_size=5000,
    )
    refresh_flags()


def rows(Row, page_row, query_count, Client) -> list:
    from councils.models import Council

    fill()
    client = Client()
    code = Council.objects.filter(kind="public", meetings__isnull=False).order_by("code")[0].code
    result = [
        page_row(client, "Councils: list", "/ru/councils/", LIST_TARGET_MS),
        page_row(
            client,
            "Councils: public, district level, out of rule",
            "/ru/councils/?kind=public&level=district&out_of_rule=false",
            LIST_TARGET_MS,
        ),
        page_row(
            client, "Councils: region filter", "/ru/councils/?region=750000000", LIST_TARGET_MS
        ),
        page_row(client, "Councils: statistics page", "/ru/councils/stats/", LIST_TARGET_MS),
        page_row(client, "Council page (with meetings)", f"/ru/councils/{code}/", PAGE_TARGET_MS),
        page_row(client, "API councils", "/api/v1/councils/", LIST_TARGET_MS),
        page_row(client, "API decisions", "/api/v1/decisions/", LIST_TARGET_MS),
    ]
    small, large = (
        query_count(client, f"/api/v1/councils/?page_size={size}") for size in (10, 100)
    )
    result.append(
        Row(
            "API councils queries, page_size 100 / 10",
            f"{large} / {small}",
            "equal",
            small == large,
        )
    )
    first, last = (query_count(client, f"/ru/councils/?page={page}") for page in (1, 30))
    result.append(
        Row("Council list queries, page 1 / 30", f"{first} / {last}", "equal", first == last)
    )
    return result


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import common  # bench/common.py sets Django up
    from common import Row, page_row, print_table, query_count, use_bench_database

    # A database of its own when run alone, so that a run never meets another bench's.
    common.BENCH_DATABASE = "bench_councils"
    from django.core.management import call_command
    from django.test import Client

    from councils.models import Council, Membership

    use_bench_database()
    call_command("migrate", verbosity=0)
    from registry.models import NGO

    if not NGO.objects.exists():
        call_command("load_demo_data", ngos=25_000)
    measured = rows(Row, page_row, query_count, Client)
    print(
        f"{Council.objects.count():,} councils, "
        f"{Membership.objects.current().count():,} current members"
    )
    print_table(measured)
    return 0 if all(row.passed is not False for row in measured) else 1


if __name__ == "__main__":
    sys.exit(main())
