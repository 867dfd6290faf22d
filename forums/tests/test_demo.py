"""The demo: the forums of domain.md, the XII's events, participants and action plan, idempotent."""

import io
import time

import pytest

from accountability.models import Contestation, Item
from forums import demo
from forums.models import Event, Forum, Recommendation, Registration
from registry.tests.factories import NGOFactory

pytestmark = pytest.mark.django_db


def test_the_demo_is_fast_complete_and_loads_once():
    for _ in range(40):
        NGOFactory()
    started = time.monotonic()
    demo.load(io.StringIO())
    assert time.monotonic() - started < 15
    assert list(Forum.objects.values_list("number", flat=True)) == ["I", "II", "V", "XII"]
    first = Forum.objects.get(number="I")
    assert (first.starts_on.isoformat(), first.ends_on.isoformat()) == ("2003-10-14", "2003-10-15")
    xii = Forum.objects.get(number="XII")
    assert xii.events.filter(kind=Event.Kind.REGIONAL).count() == 20
    assert xii.events.filter(kind=Event.Kind.SECTORAL).count() == 14
    assert Registration.objects.filter(event__forum=xii).confirmed().count() >= 1000
    assert xii.recommendations.adopted().count() == 400
    plan = Item.objects.filter(forum_recommendation__forum=xii)
    assert set(plan.values_list("status", flat=True)) == set(Item.Status.values)
    assert plan.overdue().exists()
    assert Item.objects.filter(parent__forum_recommendation__forum=xii).exists()
    assert Contestation.objects.filter(item__in=plan).exists()
    assert Recommendation.objects.filter(status="merged").exists()
    assert Registration.objects.filter(status="waiting", event__code="charity-forum-2027").exists()
    before = Registration.objects.count(), Item.objects.count()
    out = io.StringIO()
    demo.load(out)
    assert (Registration.objects.count(), Item.objects.count()) == before
    assert "already" in out.getvalue()
