"""Benchmarks of the competitions' public pages at a decade's volume.

2,500 competitions and about 30,000 applications (250 a year for ten years, five lots each),
built once in the bench database beside the register. Targets from the tenders issue: the list
with filters and the statistics page under 100 ms median, a competition page under 50 ms, list
queries constant in the page size, the year's OCDS bulk package under 5 s.
"""

import time

YEARS, PER_YEAR, LOTS = 10, 250, 5
FIRST_YEAR = 2015
LIST_TARGET_MS, PAGE_TARGET_MS, BULK_TARGET_S = 100, 50, 5


def fill() -> None:
    from tenders import demo
    from tenders.models import Competition

    if Competition.objects.filter(year__gte=FIRST_YEAR).count() < YEARS * PER_YEAR:
        demo.load_decade(FIRST_YEAR, YEARS, PER_YEAR, LOTS)


def rows(Row, page_row, query_count, Client) -> list:
    from tenders.models import Competition

    fill()
    client = Client()
    year = FIRST_YEAR + YEARS - 1
    number = Competition.objects.filter(year=year).order_by("number").first().number
    result = [
        page_row(
            client,
            "Competitions: year + mechanism + area",
            f"/ru/tenders/?year={year}&mechanism=social_order&area=youth",
            LIST_TARGET_MS,
        ),
        page_row(client, "Competitions: statistics page", "/ru/tenders/stats/", LIST_TARGET_MS),
        page_row(client, "Competition page", f"/ru/tenders/{number}/", PAGE_TARGET_MS),
        page_row(client, "API competitions: year", f"/api/v1/tenders/?year={year}", LIST_TARGET_MS),
    ]
    first, second = (query_count(client, f"/ru/tenders/?page={page}") for page in (1, 2))
    result.append(
        Row("Competition list queries, page 1 / 2", f"{first} / {second}", "equal", first == second)
    )
    started = time.perf_counter()
    status = client.get(f"/api/v1/ocds/{year}/releases.json").status_code
    seconds = time.perf_counter() - started
    result.append(
        Row(
            f"OCDS bulk package of {year} ({PER_YEAR} competitions)",
            f"{seconds:.2f} s" if status == 200 else f"HTTP {status}",
            f"< {BULK_TARGET_S} s",
            status == 200 and seconds < BULK_TARGET_S,
        )
    )
    return result
