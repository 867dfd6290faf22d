"""A lot may fund items of an action plan, chosen by its organiser among the items its body is
responsible for; the item's page shows the lots funding it, with winners, contracts, reports."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accountability import services as accountability
from tenders import services
from tenders.models import ProjectReport
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    organiser,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def _item(code, body):
    return accountability.create_item(
        code=code,
        title={"kk": f"Уәде {code}", "ru": f"Обещание {code}", "en": f"Promise {code}"},
        responsible_body=body,
        deadline=datetime.date(2027, 12, 31),
    )


def test_the_organiser_names_the_items_of_its_own_body_that_a_lot_funds():
    competition, lot = open_competition()
    official = competition.created_by
    own = _item("XII-0001", competition.organiser)
    services.set_plan_items(lot, official, [own])
    assert list(lot.plan_items.all()) == [own]


def test_an_item_of_another_body_is_refused_with_the_reason_in_russian():
    competition, lot = open_competition()
    other_body = organiser("mlsp")
    assert other_body != competition.organiser
    foreign = _item("XII-0002", other_body)
    with translation.override("ru"), pytest.raises(services.TenderError) as refused:
        services.set_plan_items(lot, competition.created_by, [foreign])
    assert "XII-0002" in refused.value.message
    assert "лот финансирует только пункты своего организатора" in refused.value.message
    assert not lot.plan_items.exists()


def test_only_the_organiser_names_the_items(client):
    competition, lot = open_competition()
    own = _item("XII-0003", competition.organiser)
    (stranger,) = commission(competition, "expert")
    with pytest.raises(services.TenderError, match="organising state body"):
        services.set_plan_items(lot, stranger, [own])


def test_the_organiser_chooses_the_items_on_the_lot_page(client):
    competition, lot = open_competition()
    own = _item("XII-0004", competition.organiser)
    _item("XII-0005", organiser("mlsp"))
    client.force_login(competition.created_by)
    url = f"/en/staff/tenders/{competition.number}/lots/{lot.number}/"
    page = client.get(url).content.decode()
    assert "XII-0004" in page and "XII-0005" not in page
    response = client.post(url, {"action": "plan_items", "plan_items": ["XII-0004"]})
    assert response.status_code == 302
    assert list(lot.plan_items.all()) == [own]


def _funded_with_a_contract(code):
    competition, lot = open_competition(pass_score=10)
    item = _item(code, competition.organiser)
    official = competition.created_by
    services.set_plan_items(lot, official, [item])
    application = submitted_application(lot)
    close_window(competition)
    (member,) = commission(competition, "official")
    services.screen_application(application, official, "admit")
    score(application, member, 9, 9, 9)
    award = services.award_lot(lot, application, 3_000_000, official)
    services.publish_results(competition, official)
    today = timezone.localdate()
    contract = services.sign_contract(
        award,
        official,
        number=f"ГСЗ-{code}",
        signed_on=today,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=300),
        amount=3_000_000,
    )
    services.schedule_report(
        contract, official, kind=ProjectReport.Kind.INTERIM, due_on=today + datetime.timedelta(30)
    )
    return item, competition, application


def test_the_items_page_shows_the_lot_its_winner_contract_and_reports(client):
    item, competition, application = _funded_with_a_contract("XII-0006")
    page = client.get(f"/en/accountability/{item.code}/").content.decode()
    assert "Funded through competitions" in page
    assert competition.number in page
    assert application.ngo.name in page
    assert "ГСЗ-XII-0006" in page
    assert "Interim" in page


def test_the_section_costs_the_same_queries_for_one_lot_or_several(client):
    from tenders.hooks import lots_funding_the_item

    item, _competition, _application = _funded_with_a_contract("XII-0007")

    class Request:
        user = None

    with CaptureQueriesContext(connection) as one:
        lots_funding_the_item(Request(), item)
    for other in ("XII-0008", "XII-0009"):
        extra, competition, _application = _funded_with_a_contract(other)
        for lot in competition.lots.all():
            lot.plan_items.add(item)
    with CaptureQueriesContext(connection) as three:
        section = lots_funding_the_item(Request(), item)
    assert len(section.context["lots"]) == 3
    assert len(three) == len(one)
