"""Appeals against published results: filed in time by an applicant, answered, then decided."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from registry.models import Notification
from registry.tests.factories import OfficialFactory, UserFactory
from tenders import services
from tenders.models import Appeal, Competition, Correction
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    organiser,
    representative,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def results():
    """A published lot: `winner` won 3 million; `loser` scored lower and did not win."""
    official = OfficialFactory()
    competition, lot = open_competition(official=official, winners=1)
    winner_user, winner_ngo = representative()
    loser_user, loser_ngo = representative()
    winner = submitted_application(lot, winner_user, winner_ngo)
    loser = submitted_application(lot, loser_user, loser_ngo, amount=2_500_000)
    close_window(competition)
    (member,) = commission(competition, "official")
    for application, points in ((winner, 9), (loser, 6)):
        application.refresh_from_db()
        services.screen_application(application, official, "admit")
        score(application, member, points, points, points)
    award = services.award_lot(lot, winner, 3_000_000, official)
    services.publish_results(competition, official)
    competition.refresh_from_db()
    return {
        "official": official,
        "competition": competition,
        "award": award,
        "winner": winner,
        "loser": loser,
        "user": loser_user,
        "winner_user": winner_user,
    }


def _file(client, r, grounds="Біздің жобаның бағасы төмендетілген."):
    client.force_login(r["user"])
    return client.post(f"/en/my/applications/{r['loser'].number}/appeal/", {"grounds": grounds})


def test_an_applicant_files_an_appeal_and_sees_it_in_my_applications(client, results):
    r = results
    page = client.get(f"/en/my/applications/{r['loser'].number}/", follow=False)
    assert page.status_code == 302  # not logged in yet
    response = _file(client, r)
    assert response.status_code == 302
    appeal = Appeal.objects.get(application=r["loser"])
    assert appeal.status == Appeal.Status.FILED and appeal.filed_by == r["user"]
    page = client.get(f"/en/my/applications/{r['loser'].number}/").content.decode()
    assert appeal.number in page and "Filed" in page and "Appeal the results</a>" not in page
    told = Notification.objects.filter(event="tenders.appeal_filed")
    assert r["official"] in {row.recipient for row in told}
    assert r["user"] not in {row.recipient for row in told}
    public = client.get(f"/en/tenders/{r['competition'].number}/").content.decode()
    assert "1 appeal filed" in public and "under consideration 1" in public
    assert "бағасы төмендетілген" not in public


def test_an_appeal_after_the_period_is_refused(client, results, settings):
    r = results
    settings.TENDERS_APPEAL_DAYS = 10
    Competition.objects.filter(pk=r["competition"].pk).update(
        published_at=timezone.now() - datetime.timedelta(days=12)
    )
    response = _file(client, r)
    assert response.status_code == 200
    assert "The period for appeals ended on" in response.content.decode()
    assert not Appeal.objects.exists()


def test_the_last_day_of_the_period_still_counts(results, settings):
    r = results
    settings.TENDERS_APPEAL_DAYS = 10
    published = r["competition"].published_at
    last_moment = services.appeal_deadline(r["competition"]) - datetime.timedelta(minutes=1)
    assert (timezone.localdate(last_moment) - timezone.localdate(published)).days == 10
    services.file_appeal(r["loser"], r["user"], "Негіздер", now=last_moment)
    with pytest.raises(services.TenderError, match="period for appeals ended"):
        services.file_appeal(
            r["winner"],
            r["winner_user"],
            "Негіздер",
            now=last_moment + datetime.timedelta(minutes=2),
        )


def test_someone_who_did_not_apply_may_not_appeal(client, results):
    r = results
    stranger = UserFactory()
    with pytest.raises(services.TenderError, match="applicant's representatives"):
        services.file_appeal(r["loser"], stranger, "Негіздер")
    client.force_login(stranger)
    response = client.post(
        f"/en/my/applications/{r['loser'].number}/appeal/", {"grounds": "Негіздер"}
    )
    assert response.status_code == 404
    assert not Appeal.objects.exists()


def test_results_not_yet_published_cannot_be_appealed():
    competition, lot = open_competition()
    user, ngo = representative()
    application = submitted_application(lot, user, ngo)
    close_window(competition)
    with pytest.raises(services.TenderError, match="once they are published"):
        services.file_appeal(application, user, "Негіздер")


def test_an_appeal_without_grounds_is_refused(client, results):
    response = _file(client, results, grounds=" ")
    assert "There is a problem" in response.content.decode()
    with pytest.raises(services.TenderError, match="Give the grounds"):
        services.file_appeal(results["loser"], results["user"], "  ")
    assert not Appeal.objects.exists()


def test_one_open_appeal_per_application(client, results):
    r = results
    first = services.file_appeal(r["loser"], r["user"], "Бірінші")
    response = _file(client, r, grounds="Екінші")
    assert f"Appeal {first.number} of this application is still being considered" in (
        response.content.decode()
    )
    with pytest.raises(IntegrityError):
        Appeal.objects.create(
            application=r["loser"], number="X-AP9", grounds="Екінші", filed_by=r["user"]
        )


def test_dismissed_with_reasons_after_an_answer(client, results):
    r = results
    appeal = services.file_appeal(r["loser"], r["user"], "Бағалау әділетсіз.")
    client.force_login(r["official"])
    url = f"/en/staff/tenders/{r['competition'].number}/appeals/{appeal.number}/"
    assert "Appeals to decide" in client.get("/en/staff/").content.decode()
    refused = client.post(url, {"action": "decide", "decision": "dismissed", "reason": "Ok"})
    assert "Answer the appeal before deciding it." in refused.content.decode()
    client.post(url, {"action": "answer", "answer": "Комиссия бағаны тексерді."})
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.ANSWERED
    response = client.post(
        url, {"action": "decide", "decision": "dismissed", "reason": "Бағалау ережеге сай."}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.DISMISSED and appeal.correction is None
    assert not Correction.objects.exists()
    assert Notification.objects.get(event="tenders.appeal_decided").recipient == r["user"]
    client.force_login(r["user"])
    page = client.get(f"/en/my/applications/{r['loser'].number}/").content.decode()
    assert "Dismissed" in page and "Бағалау ережеге сай." in page
    assert "Комиссия бағаны тексерді." in page
    public = client.get(f"/en/tenders/{r['competition'].number}/").content.decode()
    assert "dismissed 1" in public


def test_upheld_leads_to_a_recorded_correction_linked_to_the_appeal(client, results):
    r = results
    appeal = services.file_appeal(r["loser"], r["user"], "Жеңімпаз шартқа сай емес.")
    services.answer_appeal(appeal, r["official"], "Тексерілді.")
    client.force_login(r["official"])
    url = f"/en/staff/tenders/{r['competition'].number}/appeals/{appeal.number}/"
    nothing = client.post(url, {"action": "decide", "decision": "upheld", "reason": "Сай емес."})
    assert "An upheld appeal corrects the results" in nothing.content.decode()
    response = client.post(
        url,
        {
            "action": "decide",
            "decision": "upheld",
            "reason": "Жеңімпаз шартқа сай емес.",
            "withdraw": [r["award"].pk],
            "amount": 2_500_000,
        },
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.UPHELD
    correction = appeal.correction
    assert {c["action"] for c in correction.changes} == {"withdrawn", "added"}
    r["award"].refresh_from_db()
    assert r["award"].withdrawn_at is not None
    assert r["loser"].award.amount == 2_500_000
    with pytest.raises(services.TenderError, match="already been decided"):
        services.decide_appeal(appeal, r["official"], upheld=False, reason="Қайта")
    package = client.get(f"/api/v1/ocds/releases/{r['competition'].number}.json?lang=ru").json()
    rationales = [
        amendment["rationale"]
        for release in package["releases"]
        for award in release.get("awards", [])
        for amendment in award.get("amendments", [])
    ]
    assert rationales and all(appeal.number in text for text in rationales)
    public = client.get(f"/en/tenders/{r['competition'].number}/").content.decode()
    assert "upheld 1" in public and f"following the upheld appeal {appeal.number}" in public


def test_a_dismissal_that_changes_results_is_refused(results):
    r = results
    appeal = services.file_appeal(r["loser"], r["user"], "Негіздер")
    services.answer_appeal(appeal, r["official"], "Жауап")
    with pytest.raises(services.TenderError, match="changes no results"):
        services.decide_appeal(
            appeal, r["official"], upheld=False, reason="Жоқ", withdraw=[r["award"]]
        )
    with pytest.raises(services.TenderError, match="Give the reasons"):
        services.decide_appeal(appeal, r["official"], upheld=False, reason=" ")
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.ANSWERED


def test_the_database_refuses_an_upheld_appeal_without_a_correction(results):
    r = results
    appeal = services.file_appeal(r["loser"], r["user"], "Негіздер")
    with pytest.raises(IntegrityError):
        Appeal.objects.filter(pk=appeal.pk).update(
            status="upheld", answer="Жауап", decision_reason="Иә"
        )


def test_an_official_of_another_body_may_not_answer_or_decide(client, results):
    r = results
    appeal = services.file_appeal(r["loser"], r["user"], "Негіздер")
    other = OfficialFactory(body=organiser("mlsp"))
    with pytest.raises(services.TenderError, match="organising state body"):
        services.answer_appeal(appeal, other, "Жауап")
    services.answer_appeal(appeal, r["official"], "Жауап")
    with pytest.raises(services.TenderError, match="organising state body"):
        services.decide_appeal(appeal, other, upheld=False, reason="Жоқ")
    client.force_login(other)
    url = f"/en/staff/tenders/{r['competition'].number}/appeals/{appeal.number}/"
    assert client.get(url).status_code == 404
    assert appeal.number not in client.get("/en/staff/tenders/appeals/").content.decode()
    assert appeal.number not in client.get("/en/staff/").content.decode()
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.ANSWERED


def test_an_ngo_user_cannot_enter_the_staff_appeals(client, results):
    client.force_login(results["user"])
    assert client.get("/en/staff/tenders/appeals/").status_code == 403


def test_the_lists_show_the_appeal_to_the_applicant_and_the_organiser(client, results):
    r = results
    appeal = services.file_appeal(r["loser"], r["user"], "Негіздер")
    client.force_login(r["user"])
    mine = client.get("/en/my/applications/").content.decode()
    assert f"Appeal {appeal.number}: Filed" in mine
    client.force_login(r["official"])
    number = r["competition"].number
    manage = client.get(f"/en/staff/tenders/{number}/").content.decode()
    assert f"/en/staff/tenders/appeals/?competition={number}" in manage
    listed = client.get("/en/staff/tenders/appeals/", {"competition": number}).content.decode()
    assert appeal.number in listed
    other = client.get("/en/staff/tenders/appeals/", {"competition": "2000-SSO-0001"})
    assert appeal.number not in other.content.decode()


def test_the_public_count_of_appeals_reads_in_russian(client, results):
    r = results
    for user, application in ((r["user"], r["loser"]), (r["winner_user"], r["winner"])):
        services.file_appeal(application, user, "Основания")
    page = client.get(f"/ru/tenders/{r['competition'].number}/").content.decode()
    assert "Жалобы на итоги" in page and "2 жалобы поданы" in page
