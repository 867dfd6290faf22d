"""The demo is shaped to the seeds: the statistics page shows 264 / 3,900–4,100 / 86%."""

import io
import re

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from accountability.models import Item
from councils import demo
from councils.models import Council, Decision, Person, Response

pytestmark = pytest.mark.django_db


def figure(body: str, key: str) -> int:
    value = re.search(rf'id="{key}">([^<]+)<', body).group(1)
    return int(re.sub(r"\D", "", value))


def test_the_demo_matches_the_seeds_and_loads_once(client):
    out = io.StringIO()
    demo.load(out)
    assert "264 public councils" in out.getvalue()
    with translation.override("en"):
        body = client.get(reverse("councils:stats")).content.decode()
    assert figure(body, "stat-councils") == 264
    assert 3900 <= figure(body, "stat-members") <= 4100
    assert 'id="stat-share">86%<' in body
    assert figure(body, "stat-venues") == 300
    assert figure(body, "stat-reports") == 2100
    assert figure(body, "stat-hearings") == 820
    assert figure(body, "trained-2025") == 3000
    venues = Council.objects.active().exclude(kind="public")
    by_level = dict(venues.order_by().values_list("level").annotate(n=Count("pk")))
    assert (by_level["president"], by_level["government"], by_level["oblast"]) == (20, 14, 144)
    # a few out of rule, responses in every state, some overdue, accepted ones followed
    assert 3 <= Council.objects.out_of_rule().count() <= 10
    assert set(Response.objects.values_list("outcome", flat=True)) == {
        "accepted",
        "partly",
        "rejected",
    }
    assert Decision.objects.response_overdue().exists()
    assert Decision.objects.filter(adopted=False).exists()
    assert Item.objects.filter(source="council", council_decision__isnull=False).count() == (
        Response.objects.exclude(outcome="rejected").count()
    )
    # one person over several terms of a council
    assert Person.objects.annotate(terms=Count("memberships")).filter(terms=2).exists()
    counts = (Council.objects.count(), Decision.objects.count())
    demo.load(io.StringIO())
    assert (Council.objects.count(), Decision.objects.count()) == counts
