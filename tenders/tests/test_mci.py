"""The MCI as reference data: seeded, kept by administrators, used for lot budgets set in MCI."""

import pytest
from django.db import IntegrityError, transaction

from registry.models import ActivityArea
from registry.tests.factories import OfficialFactory
from tenders import services
from tenders.models import Lot, MCIValue
from tenders.tests.factories import draft_competition

pytestmark = pytest.mark.django_db


def test_the_published_values_are_seeded():
    values = dict(MCIValue.objects.values_list("year", "value_tenge"))
    assert {year: values[year] for year in (2023, 2024, 2025, 2026)} == {
        2023: 3_450,
        2024: 3_692,
        2025: 3_932,
        2026: 4_325,
    }


def _lot_fields(**fields):
    return {
        "action": "lot",
        "theme_kk": "Гранттық жоба",
        "theme_ru": "Грантовый проект",
        "activity_area": ActivityArea.objects.get(code="youth").pk,
        "term_months": "12",
        "winners_allowed": "1",
        **fields,
    }


def test_a_lot_budget_in_mci_keeps_the_multiple_and_the_value_and_shows_tenge(client):
    official = OfficialFactory()
    competition = draft_competition(official, mechanism="grant")
    value = MCIValue.objects.get(year=competition.year).value_tenge
    client.force_login(official)
    url = f"/en/staff/tenders/{competition.number}/"
    client.post(url, _lot_fields(budget_mci="3 000"))
    lot = competition.lots.get()
    assert (lot.budget_mci, lot.mci_value, lot.budget) == (3_000, value, 3_000 * value)
    page = client.get(url).content.decode()
    assert f"{3_000 * value:,}" in page
    assert f"3,000 MCI × {value:,} ₸" in page
    # A later change of the year's MCI leaves the lot's stored value and tenge budget alone.
    MCIValue.objects.filter(year=competition.year).update(value_tenge=value + 100)
    lot.refresh_from_db()
    assert lot.budget == 3_000 * value


def test_a_budget_is_given_once_in_tenge_or_in_mci(client):
    official = OfficialFactory()
    competition = draft_competition(official, mechanism="grant")
    client.force_login(official)
    url = f"/en/staff/tenders/{competition.number}/"
    page = client.post(url, _lot_fields(budget="", budget_mci="")).content.decode()
    assert "Give the budget in tenge or in MCI." in page
    page = client.post(url, _lot_fields(budget="1 000 000", budget_mci="500")).content.decode()
    assert "either in tenge or in MCI, not both" in page
    assert not competition.lots.exists()


def test_a_year_without_an_mci_value_is_refused_with_a_clear_message():
    official = OfficialFactory()
    competition = draft_competition(official, mechanism="grant")
    MCIValue.objects.filter(year=competition.year).delete()
    with pytest.raises(services.TenderError, match="ask an administrator"):
        services.add_lot(
            competition,
            official,
            theme_kk="Грант",
            theme_ru="Грант",
            activity_area=ActivityArea.objects.get(code="youth"),
            budget=None,
            budget_mci=1_000,
        )


def test_the_database_keeps_the_tenge_budget_equal_to_mci_times_value():
    official = OfficialFactory()
    competition = draft_competition(official, mechanism="grant")
    with pytest.raises(IntegrityError), transaction.atomic():
        Lot.objects.create(
            competition=competition,
            number=1,
            theme_kk="Грант",
            activity_area=ActivityArea.objects.get(code="youth"),
            budget=1_000_000,
            budget_mci=1_000,
            mci_value=3_932,
        )


def test_administrators_add_a_year_in_the_admin_and_officials_may_not(client):
    administrator = OfficialFactory(role="administrator")
    client.force_login(administrator)
    response = client.post(
        "/en/admin/tenders/mcivalue/add/", {"year": "2027", "value_tenge": "4600"}
    )
    assert response.status_code == 302
    assert MCIValue.objects.get(year=2027).value_tenge == 4_600
    client.force_login(OfficialFactory())
    assert client.get("/en/admin/tenders/mcivalue/").status_code in (302, 403)
    response = client.post("/en/admin/tenders/mcivalue/add/", {"year": "2028", "value_tenge": "1"})
    assert not MCIValue.objects.filter(year=2028).exists()
