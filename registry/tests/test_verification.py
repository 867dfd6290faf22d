import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import NGO, Representation, StateBody
from registry.tests.factories import NGOFactory, OfficialFactory, RepresentationFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    return NGOFactory(status=NGO.Status.SUBMITTED, region=region("390000000"))


def test_official_verifies_a_submitted_ngo_from_the_review_page(client, official, submitted):
    client.force_login(official)
    page = client.get(f"/ru/admin/registry/ngo/{submitted.pk}/review/")
    assert page.status_code == 200
    assert submitted.name_ru in page.content.decode()
    client.post(f"/ru/admin/registry/ngo/{submitted.pk}/review/", {"decision": "approve"})
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.VERIFIED
    assert submitted.data_confirmed_at is not None
    last = submitted.history.first()
    assert last.history_user == official and last.history_change_reason == "verified"
    assert client.get(f"/ru/ngos/{submitted.bin}/").status_code == 200


def test_rejection_needs_a_reason_that_the_ngo_then_sees(client, official, submitted):
    client.force_login(official)
    url = f"/en/admin/registry/ngo/{submitted.pk}/review/"
    client.post(url, {"decision": "reject", "reason": "  "})
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.SUBMITTED
    client.post(url, {"decision": "reject", "reason": "The charter is not attached."})
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.REJECTED
    rep = RepresentationFactory(ngo=submitted)
    client.force_login(rep.user)
    page = client.get(f"/en/my/ngos/{submitted.bin}/")
    assert "The charter is not attached." in page.content.decode()


def test_bulk_verify_action(client, official):
    ngos = NGOFactory.create_batch(3, status=NGO.Status.SUBMITTED)
    draft = NGOFactory(status=NGO.Status.DRAFT)
    client.force_login(official)
    client.post(
        "/ru/admin/registry/ngo/",
        {"action": "verify_selected", "_selected_action": [n.pk for n in [*ngos, draft]]},
    )
    statuses = dict(NGO.objects.values_list("pk", "status"))
    assert [statuses[n.pk] for n in ngos] == [NGO.Status.VERIFIED] * 3
    assert statuses[draft.pk] == NGO.Status.DRAFT


def test_an_oblast_official_sees_and_acts_only_in_their_region(client, submitted):
    kostanay_akimat = StateBody.objects.get(code="akimat-390000000")
    local = OfficialFactory(body=StateBody.objects.get(code="akimat-310000000"))
    client.force_login(local)
    assert client.get(f"/ru/admin/registry/ngo/{submitted.pk}/review/").status_code == 404
    client.post(
        "/ru/admin/registry/ngo/", {"action": "verify_selected", "_selected_action": [submitted.pk]}
    )
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.SUBMITTED
    kostanay = OfficialFactory(body=kostanay_akimat)
    client.force_login(kostanay)
    client.post(f"/ru/admin/registry/ngo/{submitted.pk}/review/", {"decision": "approve"})
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.VERIFIED


def test_a_citizen_or_ngo_user_cannot_reach_the_staff_screens(client, ngo_user, submitted):
    assert client.get("/ru/admin/registry/ngo/").status_code == 302
    client.force_login(ngo_user)
    assert client.get(f"/ru/admin/registry/ngo/{submitted.pk}/review/").status_code == 302
    assert submitted.status == NGO.Status.SUBMITTED


def test_official_approves_a_claim(client, official):
    claim = RepresentationFactory(status=Representation.Status.PENDING)
    client.force_login(official)
    client.post(
        "/ru/admin/registry/representation/",
        {"action": "approve_claims", "_selected_action": [claim.pk]},
    )
    claim.refresh_from_db()
    assert claim.status == Representation.Status.APPROVED and claim.decided_by == official


def test_the_queue_needs_the_same_queries_whatever_the_page_size(client, official):
    NGOFactory.create_batch(60, status=NGO.Status.SUBMITTED)
    client.force_login(official)
    counts = []
    for per_page in (10, 60):
        from registry.admin import NGOAdmin

        NGOAdmin.list_per_page = per_page
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/ru/admin/registry/ngo/", {"status__exact": "submitted"})
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    NGOAdmin.list_per_page = 50
    assert counts[0] == counts[1]
