"""The public pages as a citizen meets them: forums, events, the action plan, calendars."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accountability import services as accountability
from accountability.models import Item
from forums import ical, services
from forums.models import Event, Registration, Section
from forums.tests.factories import event, forum, organiser, representative
from registry.models import StateBody
from registry.tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db
PAST = datetime.date(2020, 1, 1)
FUTURE = datetime.date(2099, 1, 1)


def plan(n=3, body="mlsp"):
    """A forum with `n` adopted recommendations of `body`; the first implemented, the second
    overdue."""
    xii = forum()
    evt = event(forum=xii)
    staff, state_body = organiser(), StateBody.objects.get(code=body)
    recs = []
    for i in range(n):
        rec = services.propose(evt, title={"kk": f"Ұсыныс {i}", "ru": f"Рекомендация {i}"})
        services.adopt(
            rec, responsible_body=state_body, deadline=PAST if i == 1 else FUTURE, by=staff
        )
        rec.refresh_from_db()
        recs.append(rec)
    official = OfficialFactory(body=state_body)
    accountability.record_progress(
        recs[0].plan_item, by=official, status=Item.Status.IMPLEMENTED, note="Done"
    )
    return xii, recs


def test_the_forum_list_and_page_show_events_sections_and_participants(client):
    xii = forum()
    almaty = event(forum=xii, capacity=5)
    event(
        code="XII-S-mlsp",
        kind=Event.Kind.SECTORAL,
        forum=xii,
        ministry=StateBody.objects.get(code="mlsp"),
        title_ru="Встреча с Министерством труда",
    )
    plenary = event(code="XII", kind=Event.Kind.PLENARY, forum=xii, title_ru="Пленарное заседание")
    Section.objects.create(event=plenary, position=1, title_ru="Молодёжь", moderators="А. Ахметов")
    user, ngo = representative()
    services.register(almaty, user, kind="ngo", ngo=ngo, consent=True)
    assert xii.title_ru in client.get("/ru/forums/").content.decode()
    page = client.get(f"/ru/forums/{xii.number}/")
    text = page.content.decode()
    assert "Встреча с Министерством труда" in text and "Молодёжь" in text
    assert "А. Ахметов" in text
    assert page.context["by_region"][0]["n"] == 1
    assert {str(label): n for label, n in page.context["by_kind"]}["Представитель НПО"] == 1


def test_the_action_plan_shows_who_delivers_and_filters_by_public_identifiers(client):
    xii, recs = plan()
    page = client.get(f"/en/forums/{xii.number}/plan/")
    assert page.status_code == 200
    assert page.context["figures"] == {"total": 3, "implemented": 1, "partly": 0, "overdue": 1}
    assert page.context["bodies"][0]["code"] == "mlsp" and page.context["bodies"][0]["share"] == 33
    text = page.content.decode()
    assert "<svg" in text and "33%" in text
    assert f"/en/accountability/{recs[0].code}/" in text
    overdue = client.get(f"/en/forums/{xii.number}/plan/", {"overdue": "on"})
    assert [i.code for i in overdue.context["page"].object_list] == [recs[1].code]
    done = client.get(f"/en/forums/{xii.number}/plan/", {"status": "implemented", "body": "mlsp"})
    assert [i.code for i in done.context["page"].object_list] == [recs[0].code]
    assert (
        client.get(f"/en/forums/{xii.number}/plan/", {"body": "mop"})
        .context["page"]
        .paginator.count
        == 0
    )


@pytest.mark.parametrize("params", [{"body": "nobody"}, {"status": "done"}, {"region": "1"}])
def test_a_wrong_filter_is_refused_on_the_page_and_the_csv(client, params):
    xii, _recs = plan(1)
    assert client.get(f"/en/forums/{xii.number}/plan/", params).status_code == 400
    assert client.get(f"/en/forums/{xii.number}/plan.csv", params).status_code == 400


def test_the_csv_is_the_filtered_list(client):
    xii, recs = plan()
    response = client.get(f"/en/forums/{xii.number}/plan.csv", {"overdue": "on"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Number" and [r[0] for r in rows[1:]] == [recs[1].code]
    assert rows[1][3] == "mlsp" and rows[1][10] == "yes"


def test_the_plan_costs_the_same_queries_whatever_the_page_size(client, monkeypatch):
    from forums import views

    xii, _recs = plan(6)
    monkeypatch.setattr(views, "PLAN_PAGE_SIZE", 2)
    with CaptureQueriesContext(connection) as small:
        client.get(f"/en/forums/{xii.number}/plan/")
    monkeypatch.setattr(views, "PLAN_PAGE_SIZE", 6)
    with CaptureQueriesContext(connection) as large:
        client.get(f"/en/forums/{xii.number}/plan/")
    assert len(small) == len(large)


def test_ical_text_is_escaped_and_folded():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "Өңірлік азаматтық форум " * 6
    folded = ical.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_an_event_file_and_the_feeds_of_a_forum_and_a_region(client):
    xii = forum()
    almaty = event(forum=xii, title_ru="Форум, Алматы; 2025")
    response = client.get(f"/ru/forums/events/{almaty.code}.ics")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Форум\\, Алматы\\; 2025\r\n" in text and text.endswith("END:VCALENDAR\r\n")
    assert f"UID:forum-event-{almaty.code}@" in text
    feed = client.get(f"/ru/forums/{xii.number}/calendar.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") == 1
    region_feed = client.get("/ru/forums/regions/750000000/calendar.ics").content.decode()
    assert region_feed.count("BEGIN:VEVENT") == 1
    assert (
        "BEGIN:VEVENT"
        not in client.get("/ru/forums/regions/390000000/calendar.ics").content.decode()
    )


def test_registering_on_the_page_confirms_then_waitlists(client):
    almaty = event(capacity=1)
    for expected in ("confirmed", "waiting"):
        user, ngo = representative()
        client.force_login(user)
        response = client.post(
            f"/en/forums/events/{almaty.code}/register/",
            {"kind": "ngo", "ngo": ngo.bin, "full_name": "Aigerim", "consent": "on"},
        )
        registration = Registration.objects.get(user=user)
        assert response.status_code == 302 and registration.status == expected
        page = client.get(response["Location"])
        if expected == "confirmed":
            assert page.context["qr"] and "<svg" in page.content.decode()
        else:
            assert page.context["position"] == 1
            assert "waiting list" in page.content.decode()


def test_the_register_page_refuses_in_the_readers_language(client):
    almaty = event(capacity=1)
    user, ngo = representative()
    client.force_login(user)
    response = client.post(
        f"/ru/forums/events/{almaty.code}/register/",
        {"kind": "ngo", "ngo": ngo.bin, "full_name": "Aigerim"},
    )
    assert response.status_code == 400
    assert "Обязательное поле" in response.content.decode()


def test_another_users_registration_is_not_found(client):
    almaty = event(capacity=1)
    user, ngo = representative()
    registration = services.register(almaty, user, kind="ngo", ngo=ngo, consent=True)
    client.force_login(representative()[0])
    assert client.get(f"/en/my/registrations/{registration.code}/").status_code == 404


def test_the_ngo_page_shows_participation_and_proposals(client):
    xii = forum()
    almaty = event(forum=xii, capacity=5)
    user, ngo = representative()
    services.register(almaty, user, kind="ngo", ngo=ngo, consent=True)
    services.propose(almaty, title={"en": "Open budgets of akimats"}, ngo=ngo)
    page = client.get(f"/en/ngos/{ngo.bin}/").content.decode()
    assert "Civil Forums" in page and "Open budgets of akimats" in page
    assert almaty.title_en in page


def test_the_home_page_counts_the_latest_plan(client):
    from forums.hooks import adopted_recommendations

    xii, _recs = plan(2)
    figure = adopted_recommendations(None)
    assert figure.value == 2 and figure.url == f"/en/forums/{xii.number}/plan/"
    assert "2" in client.get("/en/").content.decode()


def test_the_item_page_names_every_origin_of_the_recommendation(client):
    xii = forum()
    almaty = event(forum=xii)
    sectoral = event(
        code="XII-S-mlsp",
        kind=Event.Kind.SECTORAL,
        forum=xii,
        ministry=StateBody.objects.get(code="mlsp"),
        title_en="Meeting with the Ministry of Labour",
    )
    user, ngo = representative()
    kept = services.propose(almaty, title={"en": "Simplify grant reports"}, ngo=ngo)
    duplicate = services.propose(sectoral, title={"en": "Make grant reports simpler"})
    staff = organiser()
    services.merge(kept, [duplicate], staff)
    services.adopt(
        kept, responsible_body=StateBody.objects.get(code="mlsp"), deadline=FUTURE, by=staff
    )
    page = client.get(f"/en/accountability/{kept.code}/").content.decode()
    assert almaty.title_en in page and "Meeting with the Ministry of Labour" in page
    assert ngo.name_en in page or ngo.name_kk in page
    assert "Make grant reports simpler" in page
