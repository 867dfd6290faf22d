"""Members' contact data is private: never in a public page, the API or an export."""

import pytest
from django.urls import reverse
from django.utils import translation

from registry.tests.factories import NGOFactory

from . import factories

pytestmark = pytest.mark.django_db

EMAIL = "private.person@example.kz"
PHONE = "+7 701 555 12 34"


def test_contact_data_appears_nowhere_public(client):
    council = factories.council()
    secretary = factories.secretary(council)
    ngo = NGOFactory()
    factories.composed(council, secretary, civil=12, others=2)
    factories.member(council, secretary, name="Secret Holder", ngo=ngo, email=EMAIL, phone=PHONE)
    pages = []
    for lang in ("kk", "ru", "en"):
        with translation.override(lang):
            pages += [
                reverse("councils:list"),
                reverse("councils:detail", args=[council.code]),
                reverse("councils:stats"),
                reverse("registry:ngo_detail", args=[ngo.bin]),
                *(reverse("councils:stats_csv", args=[t]) for t in ("level", "region", "bodies")),
            ]
    pages += [
        "/api/v1/councils/",
        f"/api/v1/councils/{council.code}/",
        f"/api/v1/councils/{council.code}/meetings/",
        "/api/v1/decisions/",
    ]
    seen_name = False
    for url in pages:
        answer = client.get(url)
        assert answer.status_code == 200, url
        body = (b"".join(answer.streaming_content) if answer.streaming else answer.content).decode(
            "utf-8-sig"
        )
        assert EMAIL not in body and PHONE not in body and "701 555" not in body, url
        seen_name = seen_name or "Secret Holder" in body
    assert seen_name  # the name itself is public


def test_the_ngo_page_shows_its_council_seats(client):
    council = factories.council(name_en="Public council of the Ministry of Culture")
    secretary = factories.secretary(council)
    ngo = NGOFactory()
    factories.member(council, secretary, name="Aliya Seat", ngo=ngo)
    with translation.override("en"):
        body = client.get(reverse("registry:ngo_detail", args=[ngo.bin])).content.decode()
    assert "Seats on public councils" in body
    assert "Public council of the Ministry of Culture" in body and "Aliya Seat" in body


def test_home_figures_and_the_promise_page(client):
    import datetime

    from councils import services

    council = factories.council(name_en="Public council of the Ministry of Culture")
    secretary = factories.secretary(council)
    members = factories.composed(council, secretary)
    official = factories.body_official("mci")
    decision = factories.adopted_decision(council, secretary, members)
    services.record_response(
        decision, official, outcome="accepted", deadline=datetime.date(2030, 1, 1)
    )
    with translation.override("en"):
        home = client.get("/en/").content.decode()
        item = client.get(reverse("accountability:item", args=[decision.code])).content.decode()
    assert "public councils" in home
    assert "members of public councils, 87% from civil society" in home
    assert f"Recommendation {decision.code}, adopted at meeting № 1" in item
    assert "Public council of the Ministry of Culture" in item
