import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from registry.models import NGO, LegalForm, Region
from registry.tests.factories import AnnualReportFactory, NGOFactory, region

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [ngo.bin for ngo in response.context["page"].object_list]


def test_drafts_submitted_and_rejected_ngos_never_appear(client):
    public = NGOFactory(status=NGO.Status.ACTIVE)
    hidden = [
        NGOFactory(status=NGO.Status.DRAFT),
        NGOFactory(status=NGO.Status.SUBMITTED),
        NGOFactory(status=NGO.Status.REJECTED, status_reason="Устав не приложен"),
    ]
    response = client.get("/ru/ngos/")
    assert names(response) == [public.bin]
    for ngo in hidden:
        assert client.get(f"/ru/ngos/{ngo.bin}/").status_code == 404
    exported = client.get("/ru/ngos/export.csv")
    body = b"".join(exported.streaming_content).decode()
    assert public.bin in body
    assert all(ngo.bin not in body for ngo in hidden)


@pytest.mark.parametrize(
    ("query", "lang"),
    [("Мейірім", "kk"), ("милосердие", "ru"), ("mercy", "en"), ("Мейирим", "ru")],
)
def test_search_finds_names_in_each_language(client, query, lang):
    target = NGOFactory(
        name_kk="«Мейірім» қоғамдық қоры",
        name_ru="Общественный фонд «Мейирим» (милосердие)",
        name_en="Meirim (Mercy) Public Foundation",
    )
    NGOFactory(name_kk="Жасыл әлем", name_ru="Зелёный мир", name_en="Green World")
    assert names(client.get(f"/{lang}/ngos/", {"q": query})) == [target.bin]


def test_search_tolerates_a_typo_and_uses_the_russian_stemmer(client):
    target = NGOFactory(name_ru="Союз многодетных матерей", name_kk="Көпбалалы аналар одағы")
    NGOFactory(name_ru="Клуб любителей шахмат", name_kk="Шахмат клубы")
    assert names(client.get("/ru/ngos/", {"q": "многодетных матерей"})) == [target.bin]
    assert names(client.get("/ru/ngos/", {"q": "многодетные матери"})) == [target.bin]
    assert names(client.get("/ru/ngos/", {"q": "многодетых"})) == [target.bin]
    assert names(client.get("/kk/ngos/", {"q": "көпбалалы"})) == [target.bin]


def test_search_matches_descriptions_and_bin_prefixes(client):
    target = NGOFactory(description_ru="Помогаем детям с аутизмом в сельской местности")
    NGOFactory()
    assert names(client.get("/ru/ngos/", {"q": "аутизмом"})) == [target.bin]
    assert names(client.get("/ru/ngos/", {"q": target.bin[:8]})) == [target.bin]


def test_region_filter_includes_its_districts(client):
    almaty = region("750000000")
    district = Region.objects.create(
        kato="751710000",
        name_kk="Алмалы ауданы",
        name_ru="Алмалинский район",
        level="district",
        parent=almaty,
    )
    in_city = NGOFactory(region=almaty)
    in_district = NGOFactory(region=district)
    elsewhere = NGOFactory(region=region("390000000"))
    found = set(names(client.get("/ru/ngos/", {"region": almaty.kato})))
    assert found == {in_city.bin, in_district.bin}
    assert elsewhere.bin not in found


def test_filters_combine(client):
    foundation = LegalForm.objects.get(code="public_foundation")
    youth_pf = NGOFactory(
        areas=["youth"], legal_form=foundation, registered_on=datetime.date(2019, 5, 1)
    )
    NGOFactory(areas=["youth"], registered_on=datetime.date(2019, 5, 1))
    NGOFactory(areas=["children"], registered_on=datetime.date(2019, 5, 1))
    params = {"area": "youth", "legal_form": "public_foundation", "year": 2019}
    assert names(client.get("/ru/ngos/", params)) == [youth_pf.bin]


def test_status_kind_and_state_funding_filters(client):
    funded = NGOFactory(kind=NGO.Kind.SOCIOPOLITICAL)
    AnnualReportFactory(ngo=funded, income_state_order=3_000_000)
    unfunded = NGOFactory(kind=NGO.Kind.SOCIOPOLITICAL)
    AnnualReportFactory(ngo=unfunded, income_state_order=0, income_grants=0)
    passive = NGOFactory(status=NGO.Status.PASSIVE)
    assert names(client.get("/ru/ngos/", {"funded": "true"})) == [funded.bin]
    assert set(names(client.get("/ru/ngos/", {"funded": "false"}))) == {unfunded.bin, passive.bin}
    assert names(client.get("/ru/ngos/", {"status": "passive"})) == [passive.bin]
    assert set(names(client.get("/ru/ngos/", {"kind": "sociopolitical"}))) == {
        funded.bin,
        unfunded.bin,
    }


def test_an_unknown_filter_value_is_refused_with_the_reason_not_ignored(client):
    NGOFactory()
    response = client.get("/en/ngos/", {"region": "999999", "area": "nonsense"})
    assert response.status_code == 400
    assert set(response.context["filter"].errors) == {"region", "area"}
    assert "Select a valid choice" in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_sorting_pagination_count_and_empty_state(client):
    for year in (2001, 2010, 2020):
        NGOFactory(registered_on=datetime.date(year, 1, 1))
    response = client.get("/en/ngos/", {"sort": "-registered", "page_size": 20})
    dates = [n.registered_on.year for n in response.context["page"].object_list]
    assert dates == [2020, 2010, 2001]
    assert "3 organisations found" in response.content.decode()
    empty = client.get("/en/ngos/", {"q": "zzzzqqqq"})
    assert "No organisation matches your search." in empty.content.decode()


def test_queries_do_not_grow_with_page_size(client):
    NGOFactory.create_batch(120, areas=["youth", "children"])
    counts = []
    for size in (20, 100):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/ru/ngos/", {"page_size": size, "area": "youth", "q": "болашақ"})
        assert len(response.context["page"].object_list) == size
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_csv_and_xlsx_exports_follow_the_filters(client):
    kostanay = NGOFactory(region=region("390000000"), name_ru="ОО «Костанай»")
    NGOFactory(region=region("750000000"))
    params = {"region": kostanay.region.kato}
    response = client.get("/ru/ngos/export.csv", params)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "БИН"
    assert [r[0] for r in rows[1:]] == [kostanay.bin]
    xlsx = client.get("/ru/ngos/export.xlsx", params)
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = list(sheet.values)
    assert values[1][0] == kostanay.bin and values[1][2] == "ОО «Костанай»"
    assert len(values) == 2


def test_names_are_sorted_in_the_language_of_the_page(client):
    first_in_kk = NGOFactory(name_kk="Ақ жол", name_ru="Ясный путь", name_en="Bright Path")
    first_in_ru = NGOFactory(name_kk="Ұлы дала", name_ru="Великая степь", name_en="Great Steppe")
    assert names(client.get("/kk/ngos/", {"sort": "name"})) == [first_in_kk.bin, first_in_ru.bin]
    assert names(client.get("/ru/ngos/")) == [first_in_ru.bin, first_in_kk.bin]
    assert names(client.get("/en/ngos/")) == [first_in_kk.bin, first_in_ru.bin]


def test_exported_cells_never_become_spreadsheet_formulas(client):
    NGOFactory(
        name_ru='=HYPERLINK("http://evil.example","click")',
        address="+1+cmd|' /C calc'!A0",
        phone="+7 (701) 000-00-00",
    )
    response = client.get("/ru/ngos/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert row[10] == "'+1+cmd|' /C calc'!A0"
    assert row[2] == '\'=HYPERLINK("http://evil.example","click")'


def test_exports_are_rate_limited_per_client(client, settings):
    settings.EXPORTS_PER_MINUTE = 2
    NGOFactory()
    assert client.get("/en/ngos/export.csv").status_code == 200
    assert client.get("/en/ngos/export.xlsx").status_code == 200
    refused = client.get("/en/ngos/export.csv")
    assert refused.status_code == 429
    assert "Too many downloads" in refused.content.decode()
