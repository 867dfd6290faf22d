"""The staff workspace's dashboard, list of organisations, history and liquidation."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from registry import services
from registry.models import NGO, ImportJob, Representation, StateBody, report_year_due
from registry.tests.factories import (
    AnnualReportFactory,
    NGOFactory,
    OfficialFactory,
    RepresentationFactory,
    region,
)

pytestmark = pytest.mark.django_db

KOSTANAY = "390000000"


def kostanay_official():
    return OfficialFactory(body=StateBody.objects.get(code=f"akimat-{KOSTANAY}"))


def test_dashboard_counts_what_waits_in_the_officials_scope(client):
    official = kostanay_official()
    here = RepresentationFactory(ngo__status=NGO.Status.DRAFT, ngo__region=region(KOSTANAY))
    services.submit_for_verification(here.ngo, here.user)
    elsewhere = RepresentationFactory(ngo__status=NGO.Status.DRAFT)
    services.submit_for_verification(elsewhere.ngo, elsewhere.user)
    RepresentationFactory(status=Representation.Status.PENDING, ngo__region=region(KOSTANAY))
    RepresentationFactory(status=Representation.Status.PENDING)
    missed = NGOFactory(region=region(KOSTANAY), registered_on=datetime.date(2010, 1, 1))
    filed = NGOFactory(region=region(KOSTANAY), registered_on=datetime.date(2010, 1, 1))
    AnnualReportFactory(ngo=filed, year=report_year_due())
    ImportJob.objects.create(original_name="a.csv", file="a.csv", created_by=official)
    client.force_login(official)
    response = client.get("/en/staff/")
    tiles = {tile.key: tile for tile in response.context["tiles"]}
    registry_tiles = {"verification", "changes", "claims", "imports", "missed"}
    assert {key: tile.count for key, tile in tiles.items() if key in registry_tiles} == {
        "verification": 1,
        "changes": 0,
        "claims": 1,
        "imports": 1,
        "missed": 2,  # `missed`, and the NGO of the claim
    }
    assert [item.label for item in tiles["verification"].items] == [here.ngo.name_en]
    page = response.content.decode()
    assert "Organisations to verify" in page and 'href="/en/staff/verification/"' in page
    assert "waiting" in page
    listed = client.get("/en/staff/ngos/", {"missed": "on"}).context["page"].object_list
    assert missed in listed and filed not in listed


def test_other_staff_see_an_empty_dashboard(client):
    client.force_login(OfficialFactory(role="council_secretary"))
    response = client.get("/en/staff/")
    assert response.context["tiles"] == []
    assert "Nothing waits for you in the workspace." in response.content.decode()


def test_history_is_readable_translated_and_in_almaty_time(client, official):
    rep = RepresentationFactory(ngo__status=NGO.Status.DRAFT, ngo__head_name="Старый")
    ngo = rep.ngo
    services.submit_for_verification(ngo, rep.user)
    services.verify_ngo(ngo, official)
    moment = datetime.datetime(2026, 3, 1, 20, 30, tzinfo=datetime.UTC)  # 02:30 next day
    ngo.history.filter(history_change_reason="verified").update(history_date=moment)
    earlier = moment - datetime.timedelta(days=1)
    ngo.history.exclude(history_change_reason="verified").update(history_date=earlier)
    client.force_login(official)
    response = client.get(f"/ru/staff/ngos/{ngo.bin}/")
    assert response.status_code == 200
    rows = response.context["rows"]
    reasons = [row["reason"] for row in rows]
    assert reasons == ["Подтверждено", "Отправлено на проверку", "Запись создана"]  # newest first
    verified = rows[0]
    assert verified["user"] == official
    assert [(c["label"], c["old"], c["new"]) for c in verified["changes"]] == [
        ("Статус", "Отправлено на проверку", "Подтверждено")
    ]
    page = response.content.decode()
    almaty = moment.astimezone(ZoneInfo("Asia/Almaty"))  # the next day, 24-hour clock
    assert almaty.strftime("%d.%m.%Y %H:%M").startswith("02.03.2026 0")
    assert almaty.strftime("%d.%m.%Y %H:%M") in page
    kazakh = client.get(f"/kk/staff/ngos/{ngo.bin}/").content.decode()
    assert almaty.strftime("%d.%m.%Y %H:%M") in kazakh and "Расталған" in kazakh
    assert not re.search(r"\d\s?[AP]\.?M\b", page)  # no 12-hour clock anywhere


def test_history_needs_the_same_queries_whatever_its_length(client, official):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ngo = NGOFactory()
    client.force_login(official)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/ru/staff/ngos/{ngo.bin}/")
        return len(ctx.captured_queries)

    before = count()
    for n in range(8):
        ngo.phone = f"+7 701 000 00{n:02}"
        ngo.save()
    assert count() == before


def test_history_of_another_scope_is_not_found(client):
    ngo = NGOFactory()
    client.force_login(kostanay_official())
    assert client.get(f"/ru/staff/ngos/{ngo.bin}/").status_code == 404


def test_liquidation_is_recorded_with_its_reason(client, official):
    ngo = NGOFactory(status=NGO.Status.PASSIVE)
    client.force_login(official)
    url = f"/en/staff/ngos/{ngo.bin}/liquidate/"
    response = client.post(url, {"reason": ""}, follow=True)
    assert "Give the reason and the date of the liquidation." in response.content.decode()
    ngo.refresh_from_db()
    assert ngo.status == NGO.Status.PASSIVE
    response = client.post(url, {"reason": "Liquidated by court decision of 01.10.2026"})
    ngo.refresh_from_db()
    assert ngo.status == NGO.Status.LIQUIDATED
    assert ngo.status_reason == "Liquidated by court decision of 01.10.2026"
    assert ngo.history.first().history_user == official
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"The liquidation of {ngo.name_en} has been recorded."
    ]
    assert timezone.now() >= ngo.status_changed_at
