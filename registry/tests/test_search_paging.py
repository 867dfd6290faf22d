"""A search lists names that match first, counts up to a cap and pages without ranking every hit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry import search
from registry.tests.factories import NGOFactory

pytestmark = pytest.mark.django_db


def bins(response) -> list[str]:
    return [n["bin"] for n in response.json()["results"]]


@pytest.fixture
def ecology():
    """Three NGOs named for ecology, two that only describe it, and one that has nothing of it."""
    named = [
        NGOFactory(name_kk=f"«{w}» экология қоры", name_ru=f"Экологический фонд «{w}»")
        for w in ("Өзен", "Ақ бұлақ", "Бота")
    ]
    described = [
        NGOFactory(name_kk=f"«{w}» қоры", name_ru=f"Фонд «{w}»", description_kk="Экология және су")
        for w in ("Ана", "Жұлдыз")
    ]
    NGOFactory(name_kk="«Шахмат» клубы", name_ru="Шахматный клуб")
    return named, described


def test_names_that_match_come_first_each_tier_in_kazakh_alphabetical_order(client, ecology):
    named, described = ecology
    body = client.get("/api/v1/ngos/", {"q": "экология", "lang": "kk"}).json()
    expected = [named[1], named[2], named[0], described[0], described[1]]  # А, Б, Ө; then А, Ж
    assert [n["bin"] for n in body["results"]] == [n.bin for n in expected]
    assert body["count"] == 5 and body["count_capped"] is False
    page = client.get("/kk/ngos/", {"q": "экология"})
    assert [n.bin for n in page.context["page"].object_list] == [n.bin for n in expected]
    assert "5 ұйым табылды" in page.content.decode()


@pytest.mark.parametrize("walk_from", [1, 1000])  # read along the name-order index, or not
@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_pages_across_the_two_tiers_see_each_hit_once_in_order(
    client, ecology, size, walk_from, monkeypatch
):
    monkeypatch.setattr(search, "WALK_FROM", walk_from)
    whole = bins(client.get("/api/v1/ngos/", {"q": "экология", "page_size": 10}))
    paged, page = [], 1
    while True:
        response = client.get("/api/v1/ngos/", {"q": "экология", "page_size": size, "page": page})
        if response.status_code == 404:
            break
        paged += bins(response)
        page += 1
    named, described = ecology
    assert paged == whole == [n.bin for n in (named[1], named[2], named[0], *described)]


def test_above_the_cap_the_count_says_so_and_the_pages_stop_there(client, ecology, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    body = client.get("/api/v1/ngos/", {"q": "экология", "page_size": 2}).json()
    assert body["count"] == 3 and body["count_capped"] is True
    last = client.get("/api/v1/ngos/", {"q": "экология", "page_size": 2, "page": 2}).json()
    assert len(last["results"]) == 1 and last["next"] is None
    beyond = client.get("/api/v1/ngos/", {"q": "экология", "page_size": 2, "page": 3})
    assert beyond.status_code == 404
    html = client.get("/en/ngos/", {"q": "экология"}).content.decode()
    assert "3+ organisations found" in html
    assert "The pages list the first 3; add a word or a filter to narrow the search." in html


def test_a_list_without_words_is_counted_exactly_whatever_its_size(client, ecology, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    body = client.get("/api/v1/ngos/").json()
    assert body["count"] == 6 and body["count_capped"] is False
    assert "6 organisations found" in client.get("/en/ngos/").content.decode()


def test_an_explicit_ordering_of_a_search_is_kept(client, ecology):
    named, described = ecology
    found = bins(client.get("/api/v1/ngos/", {"q": "экология", "ordering": "-bin"}))
    assert found == sorted((n.bin for n in named + described), reverse=True)


def test_the_export_of_a_search_has_every_hit_in_the_same_order(client, ecology, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    listed = bins(client.get("/api/v1/ngos/", {"q": "экология", "page_size": 10}))
    exported = b"".join(client.get("/kk/ngos/export.csv", {"q": "экология"}).streaming_content)
    rows = exported.decode("utf-8-sig").splitlines()[1:]
    assert [r for b in listed for r in rows if b in r] == [r for r in rows if r.strip()][:3]
    assert len([r for r in rows if r.strip()]) == 5


def test_the_search_indexes_cover_exactly_the_public_ngos():
    from registry.models import NGO, PUBLIC

    assert sorted(dict(PUBLIC.children)["status__in"]) == sorted(NGO.PUBLIC_STATUSES)


def test_the_schema_documents_the_capped_count(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    page = schema["components"]["schemas"]["PaginatedNGOListList"]
    assert page["properties"]["count_capped"]["type"] == "boolean"


def test_a_searchs_count_is_kept_until_the_register_changes(client, ecology, settings):
    settings.GENERATION_CACHE_SECONDS = 600
    with CaptureQueriesContext(connection) as counted:
        assert client.get("/ru/ngos/", {"q": "экология"}).context["page"].paginator.count == 5
    assert any(f"LIMIT {search.COUNT_CAP + 1}" in q["sql"] for q in counted.captured_queries)
    assert client.get("/ru/ngos/", {"q": "экология"}).context["page"].paginator.count == 5
    with CaptureQueriesContext(connection) as first:
        client.get("/ru/ngos/", {"q": "экология"})
    capped = f"LIMIT {search.COUNT_CAP + 1}"
    assert not any(capped in q["sql"] for q in first.captured_queries)  # kept, not counted
    NGOFactory(name_ru="Экологический союз «Тау»", name_kk="«Тау» экология одағы")
    assert client.get("/ru/ngos/", {"q": "экология"}).context["page"].paginator.count == 6
    assert client.get("/ru/ngos/", {"q": "экология", "region": "750000000"}).status_code == 200


def test_a_name_word_whose_hits_lie_late_in_the_order_is_read_from_the_index_alone(
    client, monkeypatch
):
    """«фонд» follows thousands of «объединение» in Russian name order: the page's ids come from
    an index-only walk of the name order (a walk that read each row from the table took over a
    second at 250,000 NGOs), and the filters ride along in the index."""
    monkeypatch.setattr(search, "WALK_FROM", 3)
    for letter in "АБВГДЕЖЗИК":
        NGOFactory(name_ru=f"Общественное объединение «{letter}»", name_kk=f"«{letter}» бірлестігі")
    funds = [
        NGOFactory(name_ru=f"Общественный фонд «{w}»", name_kk=f"«{w}» қоры")
        for w in ("Ырыс", "Арман", "Мирас", "Береке")
    ]
    funds[2].region = funds[0].region
    funds[2].save()
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/ru/ngos/", {"q": "фонд", "page_size": 20})
    expected = sorted(funds, key=lambda n: n.name_ru.replace("«", ""))
    assert [n.bin for n in page.context["page"].object_list] == [n.bin for n in expected]
    (walk,) = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "registry_ngo"."id" AS "pk" FROM')
    ]
    assert "search_document" not in walk and "sort_ru" in walk
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")  # 14 rows: a sort would cost nothing
        cursor.execute("EXPLAIN " + walk)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using ngo_name_order_ru" in plan
    in_region = bins(client.get("/api/v1/ngos/", {"q": "фонд", "region": funds[0].region.kato}))
    assert {funds[0].bin, funds[2].bin} <= set(in_region) <= {f.bin for f in funds}
