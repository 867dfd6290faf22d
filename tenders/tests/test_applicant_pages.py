import pytest

from tenders import services
from tenders.models import Application
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    representative,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db

PROJECT = {
    "title": "Еріктілер мектебі",
    "summary": "Жастарға арналған мектеп",
    "goals": "100 ерікті",
    "activities": "Тренингтер",
    "beneficiaries": "Жастар",
    "beneficiary_count": "100",
    "requested_amount": "3000000",
    "budget-TOTAL_FORMS": "3",
    "budget-INITIAL_FORMS": "0",
    "budget-0-item": "Тренингтер",
    "budget-0-amount": "2000000",
    "budget-1-item": "Жалдау",
    "budget-1-amount": "1000000",
}


def test_a_representative_applies_saves_and_submits(client):
    competition, lot = open_competition()
    user, ngo = representative()
    client.force_login(user)
    response = client.post(
        f"/en/tenders/{competition.number}/apply/", {"ngo": ngo.bin, "lot": lot.number}
    )
    application = Application.objects.get(ngo=ngo, lot=lot)
    assert response.url == f"/en/my/applications/{application.number}/"
    response = client.post(response.url, {**PROJECT, "submit": "1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert list(application.budget_lines.values_list("amount", flat=True)) == [2_000_000, 1_000_000]
    assert application.number in client.get("/en/my/applications/").text


def test_a_budget_that_does_not_add_up_is_refused_with_the_reason(client):
    _competition, lot = open_competition()
    user, ngo = representative()
    application = services.start_application(ngo, lot, user)
    client.force_login(user)
    response = client.post(
        f"/en/my/applications/{application.number}/",
        {**PROJECT, "requested_amount": "3500000", "submit": "1"},
    )
    assert response.status_code == 200
    assert "add up to 3,000,000 ₸, not to the requested 3,500,000 ₸" in response.text
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_amounts_are_read_as_people_write_them_and_a_new_draft_asks_rather_than_says_0(client):
    _competition, lot = open_competition()
    user, ngo = representative()
    application = services.start_application(ngo, lot, user)
    client.force_login(user)
    page = client.get(f"/ru/my/applications/{application.number}/")
    assert page.context["form"]["requested_amount"].value() is None
    response = client.post(
        f"/ru/my/applications/{application.number}/",
        {
            **PROJECT,
            "requested_amount": "3\u00a0000 000",
            "budget-0-amount": "2 000 000",
            "budget-1-amount": "1 000 000,00",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.requested_amount == 3_000_000
    assert sorted(application.budget_lines.values_list("amount", flat=True)) == [
        1_000_000,
        2_000_000,
    ]


def test_someone_elses_application_is_not_found(client):
    _competition, lot = open_competition()
    application = submitted_application(lot)
    stranger, _ngo = representative()
    client.force_login(stranger)
    assert client.get(f"/en/my/applications/{application.number}/").status_code == 404
    assert client.post(f"/en/my/applications/{application.number}/withdraw/").status_code == 404
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_withdraw_before_the_close(client):
    _competition, lot = open_competition()
    user, ngo = representative()
    application = submitted_application(lot, user, ngo)
    client.force_login(user)
    client.post(f"/en/my/applications/{application.number}/withdraw/")
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


def test_a_losing_applicant_sees_its_scores_after_publication(client):
    competition, lot = open_competition(winners=1)
    user, ngo = representative()
    mine = submitted_application(lot, user, ngo)
    other = submitted_application(lot)
    close_window(competition)
    (member,) = commission(competition, "official")
    official = competition.created_by
    for application, points in ((mine, 5), (other, 9)):
        application.refresh_from_db()
        services.screen_application(application, official, "admit")
        score(application, member, points, points, points)
    client.force_login(user)
    assert "Mean score" not in client.get(f"/en/my/applications/{mine.number}/").text
    services.award_lot(lot, other, 2_000_000, official)
    services.publish_results(competition, official)
    page = client.get(f"/en/my/applications/{mine.number}/").text
    assert "did not win" in page
    assert "50.00 / 100" in page
    assert "5.0 / 10" in page


def test_an_unverified_ngo_cannot_start_from_the_page(client):
    competition, lot = open_competition()
    user, ngo = representative(status="draft")
    client.force_login(user)
    response = client.post(
        f"/en/tenders/{competition.number}/apply/", {"ngo": ngo.bin, "lot": lot.number}
    )
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_my_applications_come_a_page_at_a_time(client):
    from registry.staff.views import PAGE_SIZE
    from registry.tests.factories import OfficialFactory
    from tenders.tests.factories import CRITERIA, add_lot, draft_competition

    official = OfficialFactory()
    competition = draft_competition(official)
    lots = [add_lot(competition, official) for _ in range(PAGE_SIZE + 1)]
    services.set_criteria(competition, official, CRITERIA)
    services.announce_competition(competition, official)
    user, ngo = representative()
    numbers = [submitted_application(lot, user, ngo).number for lot in lots]
    client.force_login(user)
    first_page = client.get("/en/my/applications/")
    second_page = client.get("/en/my/applications/", {"page": 2})
    shown = [a.number for a in first_page.context["applications"]]
    shown += [a.number for a in second_page.context["applications"]]
    assert len(first_page.context["applications"]) == PAGE_SIZE
    assert sorted(shown) == sorted(numbers)  # each once, none lost between the pages
    assert "Page 1 of 2" in first_page.text and "Page 2 of 2" in second_page.text
