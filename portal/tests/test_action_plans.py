"""What the portal shows of the forums' action plans: each plan's changes as an Atom feed, and
the progress of every plan on the statistics page."""

import datetime

import pytest

from accountability import services as accountability
from accountability.models import Item
from forums import services
from forums.tests.factories import event, forum, organiser
from registry.models import StateBody
from registry.tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    xii = forum()
    staff, body = organiser(), StateBody.objects.get(code="mlsp")
    items, evt = [], event(forum=xii)
    for i in range(3):
        rec = services.propose(evt, title={"kk": f"Ұсыныс {i}", "ru": f"Рек {i}"})
        services.adopt(rec, responsible_body=body, deadline=datetime.date(2099, 1, 1), by=staff)
        rec.refresh_from_db()
        items.append(rec.plan_item)
    accountability.record_progress(
        items[0], by=OfficialFactory(body=body), status=Item.Status.IMPLEMENTED, note="Готово"
    )
    return xii, items


def test_each_action_plan_has_a_feed_of_its_changes(client, plan):
    xii, items = plan
    feed = client.get(f"/ru/feeds/forums/{xii.number}/plan.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert f"/ru/accountability/{items[0].code}/" in body and "Готово" in body
    assert client.get("/ru/feeds/forums/XIX/plan.atom").status_code == 404


def test_the_statistics_show_each_plans_progress(client, plan):
    xii, _items = plan
    tables = {t.key: t for t in client.get("/en/stats/").context["tables"]}
    [row] = tables["action-plans"].rows
    assert row[0] == xii.number
    assert row[2:] == [3, 1, 0, 0, 33.3]
