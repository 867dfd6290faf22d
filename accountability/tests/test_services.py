"""Every rule of a tracked item, through the services the forums and councils call."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from registry.models import NGO, Notification, Representation
from registry.tests.factories import NGOFactory, OfficialFactory, RepresentationFactory

from .. import permissions, services
from ..models import Change, Contestation, Item
from ..services import AccountabilityError

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"


def test_a_new_item_starts_its_public_timeline(item):
    assert item.status == Item.Status.PLANNED and item.progress == 0
    assert item.title_kk == "Мүгедектерге арналған пандустар" and item.title_en == "Ramps"
    (created,) = item.changes.all()
    assert created.kind == Change.Kind.CREATED and created.new_value == "planned"


def test_a_status_brings_its_default_progress(body):
    item = services.create_item(
        code="C-1",
        title="x",
        responsible_body=body,
        deadline=datetime.date(2030, 1, 1),
        status=Item.Status.PARTLY,
    )
    assert item.progress == 50


def test_a_code_is_unique(item, body):
    with pytest.raises(AccountabilityError, match="XII-0001 exists"):
        services.create_item(
            code="XII-0001", title="x", responsible_body=body, deadline=datetime.date(2030, 1, 1)
        )


@pytest.mark.parametrize("status", [Item.Status.NOT_IMPLEMENTED, Item.Status.REJECTED])
def test_not_implemented_or_rejected_needs_a_note(item, body_official, status):
    with pytest.raises(AccountabilityError, match="a note is required"):
        services.record_progress(item, by=body_official, status=status, note="  ")
    item.refresh_from_db()
    assert item.status == Item.Status.PLANNED and item.changes.count() == 1

    change = services.record_progress(item, by=body_official, status=status, note="No budget.")
    item.refresh_from_db()
    assert item.status == status and change.note == "No budget."


@pytest.mark.parametrize("progress", [-1, 101, 250, "50", 12.5, True])
def test_progress_outside_0_to_100_is_refused(item, body_official, progress):
    with pytest.raises(AccountabilityError, match="from 0 to 100"):
        services.record_progress(item, by=body_official, progress=progress)
    item.refresh_from_db()
    assert item.progress == 0


def test_the_database_refuses_progress_outside_0_to_100(item):
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(pk=item.pk).update(progress=101)


def test_an_item_is_never_its_own_parent(item):
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(pk=item.pk).update(parent=item)


def test_a_lowered_progress_stays_in_the_public_history(item, body_official):
    services.record_progress(item, by=body_official, progress=70, note="Half the ramps.")
    lowered = services.record_progress(
        item,
        by=body_official,
        progress=40,
        note="Counted again.",
        evidence_url="https://gov.kz/report",
    )
    item.refresh_from_db()
    assert item.progress == 40
    assert (lowered.kind, lowered.old_value, lowered.new_value) == ("progress", "70", "40")
    assert (
        lowered.lowered and lowered.by == body_official and lowered.by_body == item.responsible_body
    )
    assert lowered.at is not None and lowered.evidence_url == "https://gov.kz/report"
    assert list(item.changes.values_list("kind", flat=True)) == ["progress", "progress", "created"]


def test_a_moved_deadline_stays_in_the_public_history(item, body_official):
    change = services.move_deadline(
        item, deadline=datetime.date(2031, 6, 30), reason="Tender failed.", by=body_official
    )
    item.refresh_from_db()
    assert item.deadline == datetime.date(2031, 6, 30)
    assert (change.old_value, change.new_value) == ("2030-12-31", "2031-06-30")
    assert (
        change.lowered
        and change.note == "Tender failed."
        and change.by_body == item.responsible_body
    )


def test_a_moved_deadline_needs_a_reason(item, body_official):
    with pytest.raises(AccountabilityError, match="a reason is required"):
        services.move_deadline(
            item, deadline=datetime.date(2031, 1, 1), reason="", by=body_official
        )


def test_a_status_change_and_its_progress_are_two_lines(item, body_official):
    services.record_progress(item, by=body_official, progress=30)
    main = services.record_progress(item, by=body_official, status=Item.Status.IMPLEMENTED)
    item.refresh_from_db()
    assert item.progress == 100 and main.kind == "status"
    kinds = list(item.changes.values_list("kind", "old_value", "new_value"))
    assert kinds[:2] == [("status", "planned", "implemented"), ("progress", "30", "100")]


def test_nothing_to_record_is_refused(item, body_official):
    with pytest.raises(AccountabilityError, match="Nothing to record"):
        services.record_progress(item, by=body_official)


def test_a_parent_progress_is_weighted_from_its_children(item, body, body_official):
    heavy = services.create_item(
        code="XII-0001.1",
        title="a",
        responsible_body=body,
        deadline=datetime.date(2030, 1, 1),
        parent=item,
        weight=3,
    )
    light = services.create_item(
        code="XII-0001.2",
        title="b",
        responsible_body=body,
        deadline=datetime.date(2030, 1, 1),
        parent=item,
    )
    services.record_progress(heavy, by=body_official, progress=80)
    item.refresh_from_db()
    assert item.progress == 60  # (3 × 80 + 1 × 0) / 4
    services.record_progress(light, by=body_official, status=Item.Status.IMPLEMENTED)
    item.refresh_from_db()
    assert item.progress == 85  # (240 + 100) / 4
    computed = item.changes.filter(computed=True).values_list("old_value", "new_value")
    assert list(computed) == [("60", "85"), ("0", "60")]
    with pytest.raises(AccountabilityError, match="computed from its parts"):
        services.record_progress(item, by=body_official, progress=10)


def test_progress_climbs_every_level(body, body_official):
    rows = [
        {
            "code": "A",
            "title": "a",
            "responsible_body": body,
            "deadline": datetime.date(2030, 1, 1),
        },
        {
            "code": "A.1",
            "title": "b",
            "responsible_body": body,
            "deadline": datetime.date(2030, 1, 1),
            "parent_code": "A",
        },
        {
            "code": "A.1.1",
            "title": "c",
            "responsible_body": body,
            "deadline": datetime.date(2030, 1, 1),
            "parent_code": "A.1",
        },
        {
            "code": "A.1.2",
            "title": "d",
            "responsible_body": body,
            "deadline": datetime.date(2030, 1, 1),
            "parent_code": "A.1",
            "status": "implemented",
        },
    ]
    assert services.create_items_bulk(rows) == 4
    assert dict(Item.objects.values_list("code", "progress")) == {
        "A": 50,
        "A.1": 50,
        "A.1.1": 0,
        "A.1.2": 100,
    }
    services.record_progress(Item.objects.get(code="A.1.1"), by=body_official, progress=50)
    assert Item.objects.get(code="A").progress == 75


def test_bulk_creation_is_idempotent_by_code_and_writes_created_lines(body):
    rows = [
        {
            "code": f"R-{n}",
            "title": {"kk": f"Ұсыныс {n}", "ru": f"Рекомендация {n}"},
            "responsible_body_id": body.pk,
            "deadline": datetime.date(2030, 1, 1),
            "source": "forum",
        }
        for n in range(300)
    ]
    assert services.create_items_bulk(rows) == 300
    assert services.create_items_bulk(rows) == 0
    assert Item.objects.count() == 300
    assert Change.objects.filter(kind=Change.Kind.CREATED).count() == 300
    assert Item.objects.get(code="R-7").title_ru == "Рекомендация 7"


def test_officials_update_only_their_own_body_items(item, other_official, body_official):
    assert permissions.can_update(body_official, item)
    assert not permissions.can_update(other_official, item)
    with pytest.raises(AccountabilityError, match="Only officials of"):
        services.record_progress(item, by=other_official, progress=50)
    with pytest.raises(AccountabilityError, match="Only officials of"):
        services.move_deadline(
            item, deadline=datetime.date(2031, 1, 1), reason="x", by=other_official
        )
    item.refresh_from_db()
    assert item.progress == 0 and item.changes.count() == 1


def test_a_republican_official_of_another_body_may_not_update(item):
    """National scope in the register (all NGOs) is not a licence over another body's items."""
    ministry_official = OfficialFactory()  # mci, a republican body
    assert not permissions.can_update(ministry_official, item)


def test_a_council_secretary_of_the_body_may_not_update(item, body):
    secretary = OfficialFactory(role="council_secretary", body=body)
    assert not permissions.can_update(secretary, item)
    assert not Item.objects.managed_by(secretary).exists()


def test_an_ngo_representative_or_anonymous_user_may_not_update(item, representation):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.can_update(representation.user, item)
    assert not permissions.can_update(AnonymousUser(), item)


def test_a_verified_ngo_representative_contests_an_implemented_item(
    implemented, representation, body_official
):
    document = SimpleUploadedFile("photo.pdf", PDF, content_type="application/pdf")
    contestation = services.contest(
        implemented,
        ngo=representation.ngo,
        by=representation.user,
        text="No ramp at polyclinic 3.",
        document=document,
    )
    assert contestation.document.name.startswith("accountability/XII-0001/")
    assert contestation.document_name == "photo.pdf"
    notice = Notification.objects.get(event="accountability.item_contested")
    assert notice.recipient == body_official and notice.context["ngo"] == representation.ngo.name


def test_only_implemented_or_partly_items_may_be_contested(item, representation):
    with pytest.raises(AccountabilityError, match="implemented or partly"):
        services.contest(
            item,
            ngo=representation.ngo,
            by=representation.user,
            text="x",
            link="https://example.kz",
        )
    assert not Contestation.objects.exists()


@pytest.mark.parametrize("case", ["pending_claim", "unverified_ngo", "other_ngo", "official"])
def test_only_a_verified_representative_may_contest(implemented, case, body_official):
    if case == "pending_claim":
        claim = RepresentationFactory(status=Representation.Status.PENDING)
        user, ngo = claim.user, claim.ngo
    elif case == "unverified_ngo":
        claim = RepresentationFactory(ngo=NGOFactory(status=NGO.Status.SUBMITTED))
        user, ngo = claim.user, claim.ngo
    elif case == "other_ngo":
        user, ngo = RepresentationFactory().user, NGOFactory()
    else:
        user, ngo = body_official, NGOFactory()
    with pytest.raises(AccountabilityError, match="approved representative of a verified NGO"):
        services.contest(implemented, ngo=ngo, by=user, text="x", link="https://example.kz")
    assert not Contestation.objects.exists()


def test_a_contest_needs_text_and_evidence(implemented, representation):
    with pytest.raises(AccountabilityError, match="link or attach a document"):
        services.contest(implemented, ngo=representation.ngo, by=representation.user, text="x")
    with pytest.raises(AccountabilityError, match="Say what"):
        services.contest(
            implemented,
            ngo=representation.ngo,
            by=representation.user,
            text=" ",
            link="https://example.kz",
        )


def test_a_document_is_checked_before_it_is_stored(implemented, representation, settings):
    fake = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(AccountabilityError, match="Only PDF, JPEG and PNG"):
        services.contest(
            implemented, ngo=representation.ngo, by=representation.user, text="x", document=fake
        )
    settings.MAX_UPLOAD_BYTES = 10
    big = SimpleUploadedFile("evidence.pdf", PDF + b"0" * 100)
    with pytest.raises(AccountabilityError, match="the limit is"):
        services.contest(
            implemented, ngo=representation.ngo, by=representation.user, text="x", document=big
        )
    assert not Contestation.objects.exists()
    assert not (settings.MEDIA_ROOT / "accountability").exists()


def test_the_contesting_ngo_hears_of_the_next_change(implemented, representation, body_official):
    services.contest(
        implemented,
        ngo=representation.ngo,
        by=representation.user,
        text="No ramp.",
        link="https://example.kz/photo",
    )
    services.record_progress(
        implemented,
        by=body_official,
        status=Item.Status.PARTLY,
        progress=60,
        note="Two of five ramps remain.",
    )
    notice = Notification.objects.get(event="accountability.progress_changed")
    assert notice.recipient == representation.user
    assert notice.context["code"] == "XII-0001" and notice.context["progress"] == 60


def test_queryset_filters(body, other_body):
    today = datetime.date(2030, 6, 1)
    make = lambda code, deadline, status="planned", b=body: services.create_item(  # noqa: E731
        code=code, title=code, responsible_body=b, deadline=deadline, status=status
    )
    make("late", datetime.date(2030, 5, 1))
    make("done-late", datetime.date(2030, 5, 1), "implemented")
    make("soon", datetime.date(2030, 6, 20))
    make("later", datetime.date(2030, 9, 1), b=other_body)
    assert set(Item.objects.overdue(today).values_list("code", flat=True)) == {"late"}
    assert set(Item.objects.due_within(30, today).values_list("code", flat=True)) == {"soon"}
    assert Item.objects.of_body(other_body).get().code == "later"
    assert Item.objects.top_level().count() == 4


def test_the_mails_render(implemented, representation, body_official, mailoutbox):
    from registry.tasks import deliver_notification

    services.contest(
        implemented,
        ngo=representation.ngo,
        by=representation.user,
        text="No ramp.",
        link="https://example.kz/photo",
    )
    services.record_progress(implemented, by=body_official, progress=60, note="Two remain.")
    for notice in Notification.objects.order_by("pk"):
        deliver_notification(notice.pk)
    contested, changed = mailoutbox
    assert contested.subject == "Item XII-0001 is contested"
    assert "No ramp." in contested.body and representation.ngo.name in contested.body
    assert changed.to == [representation.user.email] and "Two remain." in changed.body


def test_bulk_refuses_a_cycle_and_an_unknown_parent(body):
    def row(code, parent_code):
        return {
            "code": code,
            "title": code,
            "responsible_body": body,
            "deadline": datetime.date(2030, 1, 1),
            "parent_code": parent_code,
        }

    with pytest.raises(AccountabilityError, match="its own ancestor"):
        services.create_items_bulk([row("A", "B"), row("B", "C"), row("C", "A")])
    with pytest.raises(AccountabilityError, match="No item has the code Z"):
        services.create_items_bulk([row("A", "Z")])
    assert not Item.objects.exists()


def test_a_change_reaches_the_next_anonymous_visitor(client, item, body_official, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    url = f"/en/accountability/{item.code}/"
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    services.record_progress(item, by=body_official, progress=45, note="Halfway.")
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss" and "Halfway." in fresh.content.decode()
