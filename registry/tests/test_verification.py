import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.admin import NGOAdmin
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
    url = f"/ru/admin/registry/ngo/{submitted.pk}/review/"
    assert client.get(url).status_code == 302
    assert client.post(url, {"decision": "approve"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.SUBMITTED


def test_official_approves_a_claim_in_their_region_only(client):
    claim = RepresentationFactory(
        status=Representation.Status.PENDING, ngo__region=region("390000000")
    )
    client.force_login(OfficialFactory(body=StateBody.objects.get(code="akimat-310000000")))
    client.post(
        "/ru/admin/registry/representation/",
        {"action": "approve_claims", "_selected_action": [claim.pk]},
    )
    claim.refresh_from_db()
    assert claim.status == Representation.Status.PENDING
    official = OfficialFactory(body=StateBody.objects.get(code="akimat-390000000"))
    client.force_login(official)
    client.post(
        "/ru/admin/registry/representation/",
        {"action": "approve_claims", "_selected_action": [claim.pk]},
    )
    claim.refresh_from_db()
    assert claim.status == Representation.Status.APPROVED and claim.decided_by == official


def test_the_queue_needs_the_same_queries_whatever_the_page_size(client, official, monkeypatch):
    NGOFactory.create_batch(60, status=NGO.Status.SUBMITTED)
    client.force_login(official)
    counts = []
    for per_page in (10, 60):
        monkeypatch.setattr(NGOAdmin, "list_per_page", per_page)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/ru/admin/registry/ngo/", {"status__exact": "submitted"})
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == per_page
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_history_pages_respect_scope_and_never_revert(client, submitted):
    submitted.name_ru = "Новое имя"
    submitted.save()
    version = submitted.history.last()
    url = f"/ru/admin/registry/ngo/{submitted.pk}/history/{version.history_id}/"
    outsider = OfficialFactory(body=StateBody.objects.get(code="akimat-310000000"))
    client.force_login(outsider)
    assert client.get(f"/ru/admin/registry/ngo/{submitted.pk}/history/").status_code == 404
    assert client.get(url).status_code == 404
    client.force_login(OfficialFactory(body=StateBody.objects.get(code="akimat-390000000")))
    assert client.get(url).status_code == 200
    assert client.post(url, {"name_ru": "Старое имя"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.name_ru == "Новое имя"


def test_officials_cannot_widen_their_own_scope(client):
    local = OfficialFactory(body=StateBody.objects.get(code="akimat-310000000"))
    ministry = StateBody.objects.get(code="mci")
    client.force_login(local)
    response = client.post(
        f"/ru/admin/registry/statebody/{ministry.pk}/change/",
        {
            "code": "mci",
            "name_kk": ministry.name_kk,
            "level": "republican",
            "kind": "ministry",
            "officials": [local.pk],
        },
    )
    assert response.status_code == 403
    assert not ministry.officials.filter(pk=local.pk).exists()


def test_liquidation_is_recorded_with_its_reason(client, official):
    ngo = NGOFactory(status=NGO.Status.PASSIVE)
    client.force_login(official)
    client.post(
        "/ru/admin/registry/ngo/",
        {
            "action": "liquidate_selected",
            "_selected_action": [ngo.pk],
            "reason": "Ликвидировано решением суда от 01.10.2026",
        },
    )
    ngo.refresh_from_db()
    assert ngo.status == NGO.Status.LIQUIDATED
    assert ngo.status_reason == "Ликвидировано решением суда от 01.10.2026"


def test_other_staff_roles_do_not_see_the_ngos_unpublished_data(client, submitted):
    for role in ("council_secretary", "forum_organiser"):
        client.force_login(OfficialFactory(role=role))
        assert client.get("/ru/admin/registry/ngo/").status_code == 403
        assert client.get(f"/ru/admin/registry/ngo/{submitted.pk}/review/").status_code == 403
        assert client.get("/ru/admin/registry/annualreport/").status_code == 403
        assert client.get("/ru/admin/registry/region/").status_code == 200


def test_a_local_official_cannot_move_an_ngo_to_another_region(client):
    almaty = StateBody.objects.get(code="akimat-750000000")
    ngo = NGOFactory(region=region("750000000"))
    client.force_login(OfficialFactory(body=almaty))
    page = client.get(f"/ru/admin/registry/ngo/{ngo.pk}/change/")
    choices = {c.pk for c in page.context["adminform"].form.fields["region"].queryset}
    assert choices == {region("750000000").pk}
