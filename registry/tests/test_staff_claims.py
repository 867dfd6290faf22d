"""Requests to represent an NGO, decided in the staff workspace; the claimant is told by email."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail

from registry.models import Representation, StateBody
from registry.tests.factories import OfficialFactory, RepresentationFactory, UserFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    claimant = UserFactory(full_name="Айгерим Сейтова", email="aigerim@example.kz")
    return RepresentationFactory(
        user=claimant,
        status=Representation.Status.PENDING,
        position="Председатель",
        language="kk",
        ngo__region=region("390000000"),
    )


def test_the_list_shows_who_asked_and_whether_the_ngo_has_representatives(client, official, claim):
    RepresentationFactory(ngo=claim.ngo)  # already approved
    other = RepresentationFactory(status=Representation.Status.PENDING)
    client.force_login(official)
    response = client.get("/ru/staff/claims/")
    rows = list(response.context["page"].object_list)
    assert rows == [claim, other]
    assert [row.approved_count for row in rows] == [1, 0]
    page = response.content.decode()
    assert "aigerim@example.kz" in page and "Председатель" in page
    assert f'href="/ru/staff/claims/{claim.pk}/"' in page


def test_decision_page_shows_the_claimant_and_the_representatives(client, official, claim):
    existing = RepresentationFactory(ngo=claim.ngo)
    client.force_login(official)
    page = client.get(f"/en/staff/claims/{claim.pk}/").content.decode()
    for text in ("Айгерим Сейтова", "aigerim@example.kz", "Председатель", existing.user.email):
        assert text in page


def test_approval_makes_a_representative_and_tells_them(
    client, official, claim, django_capture_on_commit_callbacks
):
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/staff/claims/{claim.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Representation.Status.APPROVED
    assert claim.decided_by == official
    assert claim.history.first().history_user == official
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Айгерим Сейтова now represents {claim.ngo.name_en}; they have been told by email."
    ]
    assert mail.outbox[0].to == ["aigerim@example.kz"]
    # In the language the claimant asked in, whatever the official's.
    assert mail.outbox[0].subject == f"Сіз енді {claim.ngo.name_kk} атынан әрекет етесіз"


def test_rejection_needs_a_reason_that_the_claimant_receives(
    client, official, claim, django_capture_on_commit_callbacks
):
    client.force_login(official)
    url = f"/ru/staff/claims/{claim.pk}/"
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 400
    claim.refresh_from_db()
    assert claim.status == Representation.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "reason": "Не подтверждена должность"})
    claim.refresh_from_db()
    assert claim.status == Representation.Status.REJECTED
    assert claim.decision_reason == "Не подтверждена должность"
    assert "Не подтверждена должность" in mail.outbox[0].body
    assert mail.outbox[0].body.startswith("Сәлеметсіз бе, Айгерим Сейтова!")


def test_a_claim_remembers_the_language_it_was_made_in():
    from django.utils import translation

    from registry import services
    from registry.tests.factories import NGOFactory

    ngo = NGOFactory()
    with translation.override("kk"):
        claim = services.claim_ngo(UserFactory(), ngo.bin, "Төраға")
    assert Representation.objects.get(pk=claim.pk).language == "kk"


def test_other_scope_and_ngo_users_cannot_decide(client, claim):
    client.force_login(OfficialFactory(body=StateBody.objects.get(code="akimat-310000000")))
    url = f"/ru/staff/claims/{claim.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert list(client.get("/ru/staff/claims/").context["page"].object_list) == []
    client.force_login(claim.user)
    assert client.post(url, {"decision": "approve"}).status_code == 403
    claim.refresh_from_db()
    assert claim.status == Representation.Status.PENDING
