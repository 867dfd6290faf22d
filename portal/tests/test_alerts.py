"""Alerts: a saved search or a followed thing, an email through registry.events grouped per thing,
never the same change twice, one-click unsubscribe without login."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from accountability import services as accountability
from accountability.models import Item
from forums import services as forum_services
from forums.tests.factories import event, forum, organiser
from portal import alerts
from portal.models import Alert
from registry.models import StateBody
from registry.tests.factories import NGOFactory, OfficialFactory, UserFactory
from tenders.tests.factories import open_competition

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen():
    return UserFactory(email="citizen@example.kz", email_verified=True)


def later(minutes=5):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_saved_search_tells_of_a_matching_competition_once(
    citizen, django_capture_on_commit_callbacks
):
    alerts.follow(citizen, "search", params={"area": "youth"}, frequency="daily")
    alerts.follow(citizen, "search", params={"area": "culture"}, frequency="daily")
    competition, _lot = open_competition()  # its lot is in the youth area
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send("daily", now=later()) == 1
        assert alerts.send("weekly", now=later()) == 0
    [message] = mail.outbox
    assert message.to == ["citizen@example.kz"]
    assert competition.number in message.body
    assert message.body.count("/alerts/unsubscribe/") == 1  # the culture search found nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send("daily", now=later(10)) == 0  # never the same change twice
    assert len(mail.outbox) == 1


def test_following_an_action_plan_item_and_unsubscribing_without_login(
    citizen, client, django_capture_on_commit_callbacks
):
    body = StateBody.objects.get(code="mlsp")
    rec = forum_services.propose(event(forum=forum()), title={"kk": "Ұсыныс", "ru": "Рек"})
    forum_services.adopt(
        rec, responsible_body=body, deadline=datetime.date(2099, 1, 1), by=organiser()
    )
    rec.refresh_from_db()
    alert = alerts.follow(citizen, "plan_item", rec.plan_item.code, frequency="immediate")
    accountability.record_progress(
        rec.plan_item, by=OfficialFactory(body=body), status=Item.Status.IN_PROGRESS, progress=40
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send("immediate", now=later()) == 1
    assert "40" in mail.outbox[0].body and rec.plan_item.code in mail.outbox[0].body
    link = f"/{alert.language}/alerts/unsubscribe/{alert.token}/"  # in the language it was saved in
    assert link in mail.outbox[0].body
    assert client.get(link).status_code == 200
    client.post(link)
    alert.refresh_from_db()
    assert not alert.active
    accountability.record_progress(
        rec.plan_item, by=OfficialFactory(body=body), status=Item.Status.IMPLEMENTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send("immediate", now=later(10)) == 0
    assert len(mail.outbox) == 1


def test_an_unconfirmed_email_cannot_save_an_alert():
    with translation.override("en"), pytest.raises(alerts.AlertError, match="Confirm your email"):
        alerts.follow(UserFactory(email_verified=False), "search", params={"area": "youth"})


def test_the_ngo_page_offers_to_follow_it(client, citizen):
    ngo = NGOFactory()
    page = client.get(f"/en/ngos/{ngo.bin}/").content.decode()
    assert "Log in to follow it" in page and "csrfmiddlewaretoken" not in page
    client.force_login(citizen)
    page = client.get(f"/en/ngos/{ngo.bin}/").content.decode()
    assert 'name="kind" value="ngo"' in page
    response = client.post(
        "/en/my/alerts/",
        {"kind": "ngo", "key": ngo.bin, "frequency": "weekly", "next": f"/en/ngos/{ngo.bin}/"},
    )
    assert response.status_code == 302 and response["Location"] == f"/en/ngos/{ngo.bin}/"
    alert = Alert.objects.get(user=citizen)
    assert (alert.kind, alert.key, alert.frequency) == ("ngo", ngo.bin, "weekly")
    page = client.get("/en/my/alerts/").content.decode()
    assert ngo.name in page
    assert client.post("/en/my/alerts/", {"kind": "ngo", "key": "000000000000"}).status_code == 302
    assert Alert.objects.filter(user=citizen).count() == 1
