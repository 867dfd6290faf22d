"""Benchmarks of the Civil Forums' public pages at 12 forums, 5,000 action-plan items and 20,000
registrations.

The forums' demo (I, II, V, XII) is loaded into the bench database beside the register, then
eight more forums are added, the XI with the action plan that brings the items to 5,000, and
registrations to 20,000. Targets from the forums issue: the action plan with filters under
100 ms median, an item page under 50 ms, the plan's queries constant in the page size. Run on
its own:
    .venv/bin/python bench/forums.py
or through `rows(...)` like bench/competitions.py.
"""

import datetime
import io
import sys
from pathlib import Path

FORUMS, ITEMS, REGISTRATIONS = 12, 5_000, 20_000
BENCH_FORUMS = ["III", "IV", "VI", "VII", "VIII", "IX", "X", "XI"]
LIST_TARGET_MS, PAGE_TARGET_MS = 100, 50


def fill() -> None:
    """The demo, then the bench forums, the XI's action plan and their participants."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accountability import services as accountability
    from accountability.models import Item
    from accounts.models import User
    from forums import demo
    from forums.models import Event, Forum, Recommendation, Registration
    from registry.models import ActivityArea, StateBody

    demo.load(io.StringIO())
    if Forum.objects.count() >= FORUMS:
        return
    today = timezone.localdate()
    for index, number in enumerate(BENCH_FORUMS):
        day = datetime.date(2006 + index * 2, 10, 10)
        Forum.objects.create(
            number=number,
            title=f"{number} Азаматтық форум",
            title_ru=f"{number} Гражданский форум",
            title_en=f"Civil Forum {number}",
            starts_on=day,
            ends_on=day,
            city="Астана",
            status=Forum.Status.REPORT_PUBLISHED,
        )
    forums = {f.number: f for f in Forum.objects.filter(number__in=BENCH_FORUMS)}
    events = Event.objects.bulk_create(
        Event(
            code=number,
            forum=forum,
            kind=Event.Kind.PLENARY,
            title=f"{number}",
            starts_at=timezone.make_aware(
                datetime.datetime.combine(forum.starts_on, datetime.time(10))
            ),
            ends_at=timezone.make_aware(
                datetime.datetime.combine(forum.ends_on, datetime.time(18))
            ),
            city="Астана",
            status=Event.Status.HELD,
        )
        for number, forum in forums.items()
    )
    xi = forums["XI"]
    bodies = list(StateBody.objects.order_by("code"))
    areas = list(ActivityArea.objects.all())
    missing = ITEMS - Item.objects.count()
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            code=f"XI-{n:04d}",
            forum=xi,
            title=f"Ұсыным {n}",
            title_ru=f"Рекомендация {n}",
            title_en=f"Recommendation {n}",
            responsible_body=bodies[n % len(bodies)],
            topic=areas[n % len(areas)],
            status=Recommendation.Status.ADOPTED,
        )
        for n in range(1, missing + 1)
    )
    statuses = list(Item.Status.values)
    accountability.create_items_bulk(
        {
            "code": rec.code,
            "title": {"kk": rec.title_kk, "ru": rec.title_ru, "en": rec.title_en},
            "responsible_body": rec.responsible_body,
            "topic": rec.topic,
            "deadline": today + datetime.timedelta(days=(n * 37) % 900 - 300),
            "status": statuses[n % len(statuses)],
            "source": "forum",
        }
        for n, rec in enumerate(recommendations, start=1)
    )
    items = dict(Item.objects.filter(code__startswith="XI-").values_list("code", "pk"))
    for rec in recommendations:
        rec.plan_item_id = items[rec.code]
    Recommendation.objects.bulk_update(recommendations, ["plan_item"], batch_size=1000)
    per_event = (REGISTRATIONS - Registration.objects.count()) // len(events) + 1
    password = make_password(None)
    users = User.objects.bulk_create(
        User(
            email=f"bench-participant{n}@bench.kz", full_name=f"Participant {n}", password=password
        )
        for n in range(per_event)
    )
    now = timezone.now()
    Registration.objects.bulk_create(
        (
            Registration(
                code=f"{event.code}-{n + 1:05d}",
                event=event,
                user=user,
                full_name=user.full_name,
                kind=Registration.Kind.EXPERT,
                affiliation="Bench",
                consent_at=now,
                status=Registration.Status.CONFIRMED,
                confirmed_at=now,
            )
            for event in events
            for n, user in enumerate(users)
        ),
        batch_size=5000,
    )


def settle() -> None:
    """VACUUM ANALYZE what the fill wrote: fresh statistics, as routine maintenance leaves them
    (with none, PostgreSQL takes the 4,400 rows of a plan for one and joins them row by row)."""
    from django.db import connection

    from accountability.models import Change, Item
    from forums.models import Origin, Recommendation, Registration

    with connection.cursor() as cursor:
        for model in (Item, Change, Recommendation, Origin, Registration):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def rows(Row, page_row, query_count, Client) -> list:
    from accountability.models import Item
    from forums.models import Forum, Registration

    fill()
    settle()
    client = Client()
    item = Item.objects.filter(code__startswith="XI-", status="implemented").order_by("code")[0]
    result = [
        page_row(
            client, "Action plan of the XI (4,400 items)", "/ru/forums/XI/plan/", LIST_TARGET_MS
        ),
        page_row(
            client,
            "Action plan: body + status + overdue",
            f"/ru/forums/XI/plan/?body={item.responsible_body.code}&status=in_progress&overdue=on",
            LIST_TARGET_MS,
        ),
        page_row(
            client,
            "Action plan: topic + region page 3",
            "/ru/forums/XII/plan/?topic=youth&page=2",
            LIST_TARGET_MS,
        ),
        page_row(
            client, "Action-plan item page", f"/ru/accountability/{item.code}/", PAGE_TARGET_MS
        ),
        page_row(client, "Forum page of the XII", "/ru/forums/XII/", LIST_TARGET_MS),
        page_row(
            client,
            "API recommendations of the XI",
            "/api/v1/recommendations/?forum=XI&plan_status=implemented",
            LIST_TARGET_MS,
        ),
    ]
    first, last = (query_count(client, f"/ru/forums/XI/plan/?page={page}") for page in (1, 60))
    result.append(
        Row("Action plan queries, page 1 / 60", f"{first} / {last}", "equal", first == last)
    )
    result.append(
        Row(
            "Size",
            f"{Forum.objects.count()} forums, {Item.objects.count():,} items, "
            f"{Registration.objects.count():,} registrations",
            "12 / 5,000 / 20,000",
            None,
        )
    )
    return result


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import (  # bench/common.py sets Django up
        Row,
        page_row,
        print_table,
        query_count,
        use_bench_database,
    )
    from django.core.management import call_command
    from django.test import Client

    use_bench_database()
    call_command("migrate", verbosity=0)
    from registry.models import NGO

    if not NGO.objects.exists():
        call_command("load_demo_data", ngos=25_000)
    measured = rows(Row, page_row, query_count, Client)
    print_table(measured)
    return 0 if all(row.passed is not False for row in measured) else 1


if __name__ == "__main__":
    sys.exit(main())
