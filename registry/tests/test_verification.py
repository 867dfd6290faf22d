"""Verification in the staff workspace: the queue, the review page and bulk decisions."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry import services
from registry.models import NGO, StateBody
from registry.tests.factories import (
    NGOFactory,
    OfficialFactory,
    RepresentationFactory,
    region,
)

pytestmark = pytest.mark.django_db

KOSTANAY = "390000000"


def body(kato):
    return StateBody.objects.get(code=f"akimat-{kato}")


def submit(ngo, days_ago=0, user=None):
    """Submitted through the service, as a representative does, `days_ago` days back."""
    user = user or RepresentationFactory(ngo=ngo).user
    services.submit_for_verification(ngo, user)
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    NGO.objects.filter(pk=ngo.pk).update(submitted_at=moment)
    ngo.refresh_from_db()
    return ngo


@pytest.fixture
def submitted():
    return submit(NGOFactory(status=NGO.Status.DRAFT, region=region(KOSTANAY)), days_ago=3)


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_submission_date_is_saved():
    """It was lost: the status save wrote only the status fields."""
    rep = RepresentationFactory(ngo__status=NGO.Status.DRAFT)
    before = timezone.now()
    services.submit_for_verification(rep.ngo, rep.user)
    fresh = NGO.objects.get(pk=rep.ngo.pk)
    assert fresh.submitted_at is not None and fresh.submitted_at >= before


def test_queue_lists_oldest_submission_first_with_submitter(client, official):
    newer = submit(NGOFactory(status=NGO.Status.DRAFT), days_ago=1)
    older = submit(NGOFactory(status=NGO.Status.DRAFT), days_ago=10)
    NGOFactory(status=NGO.Status.DRAFT)  # not submitted
    client.force_login(official)
    response = client.get("/en/staff/verification/")
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert rows == [older, newer]
    page = response.content.decode()
    assert older.bin in page and older.legal_form.name in page
    assert rows[0].submitter_email in page
    assert "2 organisations wait for verification" in page


def test_queue_filters_and_empty_state(client, official, submitted):
    other = submit(NGOFactory(status=NGO.Status.DRAFT, region=region("710000000")))
    client.force_login(official)
    response = client.get("/ru/staff/verification/", {"region": KOSTANAY})
    assert list(response.context["page"].object_list) == [submitted]
    response = client.get("/ru/staff/verification/", {"q": other.bin[:8]})
    assert list(response.context["page"].object_list) == [other]
    response = client.get("/en/staff/verification/", {"q": "no such name"})
    assert "No organisation waiting for verification matches these filters." in (
        response.content.decode()
    )


def test_queue_needs_the_same_queries_whatever_its_length(client, official):
    client.force_login(official)
    counts = []
    for batch in (1, 20):
        for ngo in NGOFactory.create_batch(batch, status=NGO.Status.DRAFT):
            submit(ngo)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/ru/staff/verification/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_review_page_compares_with_the_last_public_version(client, official):
    ngo = NGOFactory(status=NGO.Status.ACTIVE, name_en="Old name", phone="")
    ngo.status = NGO.Status.REJECTED
    ngo.status_reason = "Charter missing"
    ngo.name_en = "New name"
    ngo.save()
    submit(ngo)
    client.force_login(official)
    response = client.get(f"/en/staff/verification/{ngo.bin}/")
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.context["rows"]}
    assert rows["name_en"]["changed"] and rows["name_en"]["before"] == "Old name"
    assert not rows["name_kk"]["changed"]
    checklist = {str(item): ok for item, ok in response.context["checklist"]}
    assert checklist["Charter"] is False and checklist["Name in Kazakh"] is True
    page = response.content.decode()
    assert response.context["submitter"].email in page
    assert "Charter — <strong>missing</strong>" in page


def test_official_verifies_on_the_review_page(client, official, submitted):
    client.force_login(official)
    response = client.post(f"/ru/staff/verification/{submitted.bin}/", {"decision": "approve"})
    assert response.status_code == 302 and response.url == "/ru/staff/verification/"
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.VERIFIED
    assert submitted.data_confirmed_at is not None
    last = submitted.history.first()
    assert last.history_user == official and last.history_change_reason == "verified"
    assert texts(response) == [
        f"{submitted.name_ru}: проверка пройдена, организация опубликована в реестре."
    ]
    assert client.get(f"/ru/ngos/{submitted.bin}/").status_code == 200


def test_rejection_with_an_empty_reason_stays_on_the_page(client, official, submitted):
    client.force_login(official)
    url = f"/en/staff/verification/{submitted.bin}/"
    response = client.post(url, {"decision": "reject", "reason": "   "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Give the reason for the rejection; the organisation will see it." in page
    assert submitted.name_en in page  # still the review page, with the data
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.SUBMITTED


def test_a_profile_no_longer_submitted_cannot_be_decided(client, official, submitted):
    NGO.objects.filter(pk=submitted.pk).update(status=NGO.Status.DRAFT)
    client.force_login(official)
    response = client.post(
        f"/en/staff/verification/{submitted.bin}/",
        {"decision": "reject", "reason": "No charter"},
    )
    assert "This organisation is not waiting for verification." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.DRAFT


def test_rejection_reason_reaches_the_organisation(client, official, submitted):
    client.force_login(official)
    response = client.post(
        f"/en/staff/verification/{submitted.bin}/",
        {"decision": "reject", "reason": "The charter is not attached."},
    )
    assert texts(response) == [
        f"{submitted.name_en} has been rejected; the organisation will see your reason."
    ]
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.REJECTED
    assert submitted.history.first().history_user == official
    rep = submitted.representatives.first()
    client.force_login(rep.user)
    assert (
        "The charter is not attached."
        in client.get(f"/en/my/ngos/{submitted.bin}/").content.decode()
    )


def test_other_scope_gets_404_and_cannot_act(client, submitted):
    client.force_login(OfficialFactory(body=body("310000000")))
    url = f"/ru/staff/verification/{submitted.bin}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert list(client.get("/ru/staff/verification/").context["page"].object_list) == []
    client.force_login(OfficialFactory(body=body(KOSTANAY)))
    client.post(url, {"decision": "approve"})
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.VERIFIED


@pytest.mark.parametrize("path", ["", "verification/", "claims/", "changes/", "ngos/"])
def test_anonymous_is_sent_to_log_in_and_ngo_users_are_refused(client, ngo_user, path):
    response = client.get(f"/ru/staff/{path}")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(ngo_user)
    assert client.get(f"/ru/staff/{path}").status_code == 403


def test_an_ngo_user_cannot_verify(client, submitted):
    rep = submitted.representatives.first()
    client.force_login(rep.user)
    response = client.post(f"/ru/staff/verification/{submitted.bin}/", {"decision": "approve"})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == NGO.Status.SUBMITTED


def test_other_staff_roles_see_no_registry_screens(client, submitted):
    for role in ("council_secretary", "forum_organiser"):
        client.force_login(OfficialFactory(role=role))
        assert client.get("/ru/staff/").status_code == 200
        assert client.get("/ru/staff/verification/").status_code == 403
        assert client.get(f"/ru/staff/verification/{submitted.bin}/").status_code == 403


def test_bulk_verify_asks_for_confirmation_then_says_what_it_did(client, official):
    ngos = [submit(NGOFactory(status=NGO.Status.DRAFT)) for _ in range(3)]
    bins = [n.bin for n in ngos]
    client.force_login(official)
    response = client.post("/en/staff/verification/bulk/", {"action": "verify", "bins": bins})
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 organisations will be verified and published in the register:" in page
    assert all(n.name_en in page for n in ngos)
    assert NGO.objects.filter(status=NGO.Status.SUBMITTED).count() == 3  # nothing done yet
    # Meanwhile one loses its name in Kazakh: verifying it fails, and the message says why.
    NGO.objects.filter(pk=ngos[2].pk).update(name_kk="")
    response = client.post(
        "/en/staff/verification/bulk/", {"action": "verify", "bins": bins, "confirmed": "1"}
    )
    assert response.status_code == 302
    statuses = dict(NGO.objects.values_list("bin", "status"))
    assert [statuses[b] for b in bins] == ["verified", "verified", "submitted"]
    assert texts(response) == [
        f"2 organisations verified: {ngos[0].name_en}; {ngos[1].name_en}.",
        f"{ngos[2].name_en} (BIN {ngos[2].bin}) was not changed: "
        "A verified organisation needs its name in Kazakh.",
    ]


def test_bulk_reject_needs_one_reason_for_all(client, official):
    ngos = [submit(NGOFactory(status=NGO.Status.DRAFT)) for _ in range(2)]
    outside = submit(NGOFactory(status=NGO.Status.DRAFT, region=region(KOSTANAY)))
    local = OfficialFactory(body=body("750000000"))
    client.force_login(local)
    bins = [n.bin for n in [*ngos, outside]]
    data = {"action": "reject", "bins": bins, "confirmed": "1", "reason": ""}
    response = client.post("/en/staff/verification/bulk/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the reason for the rejection" in page
    assert "1 selected organisation is no longer waiting for verification and is left out." in page
    assert outside.name_en not in page
    response = client.post("/en/staff/verification/bulk/", {**data, "reason": "No charter"})
    assert texts(response) == [f"2 organisations rejected: {ngos[0].name_en}; {ngos[1].name_en}."]
    assert set(NGO.objects.filter(status="rejected").values_list("status_reason", flat=True)) == {
        "No charter"
    }
    outside.refresh_from_db()
    assert outside.status == NGO.Status.SUBMITTED


def test_officials_use_the_workspace_not_the_admin(client, official, submitted):
    client.force_login(official)
    assert client.get("/ru/admin/registry/ngo/").status_code == 403
    assert client.get("/ru/admin/registry/representation/").status_code == 403
    home = client.get("/ru/").content.decode()
    assert 'href="/ru/staff/"' in home and 'href="/ru/admin/"' not in home
    admin = OfficialFactory(role="administrator")
    client.force_login(admin)
    assert client.get("/ru/admin/registry/ngo/").status_code == 200
    assert 'href="/ru/admin/"' in client.get("/ru/").content.decode()


def test_officials_cannot_widen_their_own_scope(client):
    local = OfficialFactory(body=body("310000000"))
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


def test_admin_history_pages_never_revert(client, submitted):
    submitted.name_ru = "Новое имя"
    submitted.save()
    version = submitted.history.last()
    url = f"/ru/admin/registry/ngo/{submitted.pk}/history/{version.history_id}/"
    client.force_login(OfficialFactory(role="administrator"))
    assert client.get(url).status_code == 200
    assert client.post(url, {"name_ru": "Старое имя"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.name_ru == "Новое имя"
