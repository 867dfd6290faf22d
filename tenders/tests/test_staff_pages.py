"""The official's whole path in the staff workspace, and who may not take it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from registry.models import ActivityArea
from registry.tests.factories import OfficialFactory, UserFactory
from tenders.models import Application, Award, Competition
from tenders.tests.factories import close_window, organiser, representative, submitted_application

pytestmark = pytest.mark.django_db


def _pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 documentation", content_type="application/pdf")


def _create(client, official):
    now = timezone.localtime()
    response = client.post(
        "/en/staff/tenders/new/",
        {
            "mechanism": "social_order",
            "organiser": official.state_bodies.first().pk,
            "year": now.year,
            "title_kk": "Жастар саясаты",
            "title_ru": "Молодёжная политика",
            "description_kk": "Жобалар",
            "description_ru": "Проекты",
            "opens_at": (now - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + datetime.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
            "documentation_kk": _pdf("kk.pdf"),
            "documentation_ru": _pdf("ru.pdf"),
            "pass_score": "50",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Competition.objects.get()


def test_an_official_prepares_and_announces_a_competition(client):
    official = OfficialFactory()
    client.force_login(official)
    competition = _create(client, official)
    url = f"/en/staff/tenders/{competition.number}/"
    page = client.post(url, {"action": "announce"}, follow=True).content.decode()
    assert "at least one lot" in page
    client.post(
        url,
        {
            "action": "lot",
            "theme_kk": "Еріктілер",
            "theme_ru": "Волонтёры",
            "activity_area": ActivityArea.objects.get(code="youth").pk,
            "budget": "10 000 000",
            "term_months": "10",
            "winners_allowed": "1",
        },
    )
    assert competition.lots.get().budget == 10_000_000
    criteria = {
        "action": "criteria",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name_kk": "Өзектілігі",
        "criteria-0-name_ru": "Актуальность",
        "criteria-0-weight": "60",
        "criteria-0-max_points": "10",
        "criteria-1-name_kk": "Бюджеті",
        "criteria-1-name_ru": "Бюджет",
        "criteria-1-weight": "30",
        "criteria-1-max_points": "10",
    }
    page = client.post(url, criteria, follow=True).content.decode()
    assert "add up to 90%" in page
    client.post(url, {**criteria, "criteria-1-weight": "40"})
    assert competition.criteria.count() == 2
    client.post(url, {"action": "announce"})
    competition.refresh_from_db()
    assert competition.status == Competition.Status.ACCEPTING


def test_applications_are_sealed_for_officials_until_the_close(client):
    official = OfficialFactory()
    from tenders.tests.factories import open_competition

    competition, lot = open_competition(official=official)
    application = submitted_application(lot)
    client.force_login(official)
    url = f"/en/staff/tenders/{competition.number}/applications/{application.number}/"
    assert client.get(url).status_code == 404
    close_window(competition)
    assert application.title in client.get(url).content.decode()


def test_screen_score_award_and_publish_through_the_screens(client):
    official = OfficialFactory()
    from tenders.tests.factories import open_competition

    competition, lot = open_competition(official=official, winners=1)
    application = submitted_application(lot)
    close_window(competition)
    base = f"/en/staff/tenders/{competition.number}/"
    client.force_login(official)
    client.post(base, {"action": "member", "email": official.email.upper(), "kind": "official"})
    assert competition.commission.filter(user=official).exists()
    app_url = f"{base}applications/{application.number}/"
    client.post(app_url, {"action": "screen", "decision": "admit", "reason": ""})
    application.refresh_from_db()
    assert application.status == Application.Status.ADMITTED
    points = {f"c{c.pk}": "8" for c in competition.criteria.all()}
    page = client.post(app_url, {"action": "score", **points}, follow=True).content.decode()
    assert "conflict of interest" in page  # the declaration is required
    client.post(app_url, {"action": "score", "no_conflict": "on", **points})
    assert application.sheets.get().total == 80
    client.post(
        f"{base}lots/{lot.number}/",
        {"action": "award", "application": application.number, "amount": "2 000 000"},
    )
    assert Award.objects.get().amount == 2_000_000
    client.post(base, {"action": "publish"})
    competition.refresh_from_db()
    assert competition.status == Competition.Status.PUBLISHED


def test_an_official_of_another_body_sees_nothing(client):
    from tenders.tests.factories import open_competition

    competition, _lot = open_competition()
    other = OfficialFactory(body=organiser("mlsp"))
    client.force_login(other)
    assert client.get(f"/en/staff/tenders/{competition.number}/").status_code == 404
    assert competition.number not in client.get("/en/staff/tenders/").content.decode()


def test_an_ngo_user_cannot_enter(client):
    user, _ngo = representative()
    client.force_login(user)
    assert client.get("/en/staff/tenders/").status_code == 403
    client.force_login(UserFactory())
    assert client.get("/en/staff/tenders/new/").status_code == 403


def test_a_wrong_type_of_documentation_is_refused_before_it_is_stored(client):
    official = OfficialFactory()
    client.force_login(official)
    now = timezone.localtime()
    response = client.post(
        "/en/staff/tenders/new/",
        {
            "mechanism": "grant",
            "organiser": official.state_bodies.first().pk,
            "year": now.year,
            "title_kk": "Гранттар",
            "documentation_kk": SimpleUploadedFile("kk.pdf", b"MZ not a pdf"),
            "pass_score": "0",
        },
    )
    assert response.status_code == 200
    assert "Only PDF, JPEG and PNG files are accepted" in response.content.decode()
    assert not Competition.objects.exists()
