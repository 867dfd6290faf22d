"""Registered particulars of a public NGO change only after an official's review (issue 7)."""

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError
from django.utils import timezone

from registry.forms import NGOProfileForm
from registry.models import NGO, LegalForm, ParticularsChange, StateBody
from registry.tests.factories import OfficialFactory, RepresentationFactory, region

pytestmark = pytest.mark.django_db

ALMATY, ASTANA = "750000000", "710000000"


def profile_data(ngo, **changes):
    """The edit form as the representative posts it: current values, some of them changed."""
    form = NGOProfileForm(instance=ngo)
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if name == "activity_areas":
            data[name] = [area.pk for area in value or []]
        elif value is not None:
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return {**data, **changes}


@pytest.fixture
def rep():
    return RepresentationFactory(ngo__status=NGO.Status.ACTIVE, ngo__region=region(ALMATY))


def edit(client, rep, **changes):
    client.force_login(rep.user)
    return client.post(f"/ru/my/ngos/{rep.ngo.bin}/edit/", profile_data(rep.ngo, **changes))


def test_a_public_ngos_new_name_waits_for_review_while_contacts_go_live(client, rep):
    ngo = rep.ngo
    old_name = ngo.name_ru
    response = edit(
        client,
        rep,
        name_ru="Министерство юстиции",
        legal_form=LegalForm.objects.get(code="public_foundation").pk,
        region=region(ASTANA).pk,
        phone="+7 701 555 00 00",
        description_ru="Новое описание",
    )
    assert response.status_code == 302
    ngo.refresh_from_db()
    assert ngo.name_ru == old_name and ngo.region == region(ALMATY)
    assert ngo.phone == "+7 701 555 00 00" and ngo.description_ru == "Новое описание"
    change = ParticularsChange.objects.get(ngo=ngo)
    assert change.status == ParticularsChange.Status.PENDING and change.submitted_by == rep.user
    assert set(change.values) == {"name_ru", "legal_form", "region"}
    last = ngo.history.first()
    assert last.history_user == rep.user and last.history_change_reason == "profile edited"
    assert last.phone == "+7 701 555 00 00" and last.name_ru == old_name

    client.logout()
    public = client.get(f"/ru/ngos/{ngo.bin}/").content.decode()
    assert old_name in public and "Министерство юстиции" not in public
    assert "+7 701 555 00 00" in public
    api = client.get(f"/api/v1/ngos/{ngo.bin}/").json()
    assert api["name_ru"] == old_name and api["region"] == ALMATY


def test_the_representative_sees_that_the_change_awaits_review(client, rep):
    edit(client, rep, head_name="Новый руководитель")
    page = client.get(f"/en/my/ngos/{rep.ngo.bin}/").content.decode()
    assert "A change of the registered particulars awaits the ministry" in page
    assert "Head" in page
    # The edit form shows the proposal, so it can be amended.
    form = client.get(f"/en/my/ngos/{rep.ngo.bin}/edit/").context["form"]
    assert form["head_name"].value() == "Новый руководитель"


def test_official_approves_and_the_register_changes(client, rep):
    edit(client, rep, name_ru="Новое имя", region=region(ASTANA).pk)
    official = OfficialFactory()
    client.force_login(official)
    tiles = {tile.key: tile for tile in client.get("/en/staff/").context["tiles"]}
    assert tiles["changes"].count == 1
    assert tiles["changes"].items[0].url == f"/en/staff/changes/{rep.ngo.bin}/"
    page = client.get("/ru/staff/changes/")
    assert [c.ngo for c in page.context["page"].object_list] == [rep.ngo]
    review = client.get(f"/en/staff/changes/{rep.ngo.bin}/")
    rows = {row["name"]: row for row in review.context["rows"]}
    assert rows["name_ru"]["now"] == "Новое имя" and rows["name_ru"]["changed"]
    assert rows["region"]["now"] == region(ASTANA) and rows["region"]["before"] == region(ALMATY)
    assert not rows["name_kk"]["changed"]
    response = client.post(
        f"/en/staff/changes/{rep.ngo.bin}/", {"decision": "approve", "revision": "1"}
    )
    assert response.status_code == 302
    ngo = NGO.objects.get(pk=rep.ngo.pk)
    assert ngo.name_ru == "Новое имя" and ngo.region == region(ASTANA)
    last = ngo.history.first()
    assert last.history_user == official
    assert last.history_change_reason == "registered particulars approved"
    change = ParticularsChange.objects.get()
    assert (change.status, change.decided_by) == (ParticularsChange.Status.APPROVED, official)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"The new registered particulars of {ngo.name_en} are now public."
    ]
    assert "Новое имя" in client.get(f"/ru/ngos/{ngo.bin}/").content.decode()


def test_rejection_needs_a_reason_and_the_representative_sees_it(client, rep):
    edit(client, rep, name_kk="Жаңа атау")
    client.force_login(OfficialFactory())
    url = f"/en/staff/changes/{rep.ngo.bin}/"
    response = client.post(url, {"decision": "reject", "reason": "", "revision": "1"})
    assert response.status_code == 400
    assert "Give the reason for the rejection" in response.content.decode()
    client.post(url, {"decision": "reject", "reason": "Нет решения учредителей", "revision": "1"})
    change = ParticularsChange.objects.get()
    assert change.status == ParticularsChange.Status.REJECTED
    assert NGO.objects.get(pk=rep.ngo.pk).name_kk != "Жаңа атау"
    client.force_login(rep.user)
    assert "Нет решения учредителей" in client.get(f"/ru/my/ngos/{rep.ngo.bin}/").content.decode()


def test_a_new_edit_updates_the_pending_change_and_an_old_review_cannot_approve_it(client, rep):
    edit(client, rep, name_ru="Первый вариант")
    edit(client, rep, name_ru="Второй вариант")
    change = ParticularsChange.objects.get()
    assert change.values == {"name_ru": "Второй вариант"} and change.revision == 2
    client.force_login(OfficialFactory())
    response = client.post(
        f"/en/staff/changes/{rep.ngo.bin}/", {"decision": "approve", "revision": "1"}
    )
    assert "The organisation has changed its proposal meanwhile" in response.content.decode()
    assert NGO.objects.get(pk=rep.ngo.pk).name_ru != "Второй вариант"


def test_reverting_the_particulars_withdraws_the_change(client, rep):
    edit(client, rep, head_name="Другой")
    edit(client, rep, head_name=rep.ngo.head_name)
    assert ParticularsChange.objects.get().status == ParticularsChange.Status.WITHDRAWN


def test_only_one_pending_change_per_ngo(rep):
    now = timezone.now()
    ParticularsChange.objects.create(ngo=rep.ngo, values={"head_name": "A"}, submitted_at=now)
    with pytest.raises(IntegrityError):
        ParticularsChange.objects.create(ngo=rep.ngo, values={"head_name": "B"}, submitted_at=now)


def test_a_draft_changes_freely(client):
    rep = RepresentationFactory(ngo__status=NGO.Status.DRAFT)
    edit(client, rep, name_ru="Черновое имя", region=region(ASTANA).pk)
    ngo = NGO.objects.get(pk=rep.ngo.pk)
    assert ngo.name_ru == "Черновое имя" and ngo.region == region(ASTANA)
    assert not ParticularsChange.objects.exists()


def test_other_scope_cannot_see_or_decide_a_change(client, rep):
    edit(client, rep, name_ru="Новое имя")
    client.force_login(OfficialFactory(body=StateBody.objects.get(code="akimat-390000000")))
    url = f"/ru/staff/changes/{rep.ngo.bin}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve", "revision": "1"}).status_code == 404
    client.force_login(rep.user)
    assert client.post(url, {"decision": "approve", "revision": "1"}).status_code == 403
    assert ParticularsChange.objects.get().status == ParticularsChange.Status.PENDING
