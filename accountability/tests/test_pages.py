"""The public page of an item, the NGO's contest form and its private document."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry import hooks

from .. import services
from ..models import Contestation, Item

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"


def url(item, lang="en"):
    return f"/{lang}/accountability/{item.code}/"


def test_the_url_is_the_contract(item):
    assert reverse("accountability:item", kwargs={"code": "XII-0001"}).endswith(
        "/accountability/XII-0001/"
    )


def test_the_page_shows_the_promise_and_its_public_timeline(client, item, body_official):
    services.record_progress(
        item, by=body_official, progress=70, evidence_url="https://gov.kz/ramps"
    )
    services.record_progress(item, by=body_official, progress=40, note="Counted again.")
    services.move_deadline(
        item, deadline=datetime.date(2031, 6, 30), reason="Tender failed.", by=body_official
    )
    page = client.get(url(item)).content.decode()
    assert "Ramps" in page and "Ramps at every polyclinic." in page
    assert "Ministry of Labour and Social Protection" in page
    assert "30.06.2031" in page and "31.12.2030" in page and "Tender failed." in page
    assert "70 %" in page and "40 %" in page and "progress lowered" in page
    assert "deadline moved later" in page and "https://gov.kz/ramps" in page
    assert body_official.email not in page and body_official.get_full_name() not in page
    assert '<progress class="acc-bar" max="100" value="40"' in page


def test_an_overdue_item_says_so(client, body):
    item = services.create_item(
        code="OLD-1", title="Old", responsible_body=body, deadline=datetime.date(2020, 1, 1)
    )
    page = client.get(url(item)).content.decode()
    assert "overdue" in page


def test_the_page_is_in_kazakh_and_russian(client, item):
    assert "Мүгедектерге арналған пандустар" in client.get(url(item, "kk")).content.decode()
    assert "Пандусы" in client.get(url(item, "ru")).content.decode()


def test_an_unknown_code_is_404(client, db):
    assert client.get("/en/accountability/NOPE/").status_code == 404


def test_children_with_their_progress(client, item, body, body_official):
    child = services.create_item(
        code="XII-0001.1",
        title="Measure one",
        responsible_body=body,
        deadline=datetime.date(2030, 1, 1),
        parent=item,
    )
    services.record_progress(child, by=body_official, progress=30)
    page = client.get(url(item)).content.decode()
    assert "Measure one" in page and "/accountability/XII-0001.1/" in page
    assert "computed from its parts" in page
    assert "XII-0001" in client.get(url(child)).content.decode()


def test_contesting_evidence_sits_beside_the_claim(client, implemented, representation):
    services.contest(
        implemented,
        ngo=representation.ngo,
        by=representation.user,
        text="No ramp at No 3.",
        link="https://example.kz/photo",
    )
    page = client.get(url(implemented)).content.decode()
    assert "Ramps built." in page  # the body's claim
    assert "No ramp at No 3." in page and representation.ngo.name in page
    assert "https://example.kz/photo" in page


def test_other_apps_add_sections(client, item):
    def lots(request, shown):
        return hooks.Section(
            "lots", "Lots funding it", "accountability/_item_rows.html", {"items": [shown]}
        )

    with hooks.registered(hooks.PROMISE_PAGE_SECTIONS, lots):
        page = client.get(url(item)).content.decode()
    assert 'id="section-lots"' in page and "Lots funding it" in page


def test_the_page_costs_a_constant_number_of_queries(
    client, item, body, body_official, implemented, representation
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(item)).status_code == 200
        return len(queries)

    before = count()
    for n in range(5):
        child = services.create_item(
            code=f"XII-0001.{n}",
            title=f"m{n}",
            responsible_body=body,
            deadline=datetime.date(2030, 1, 1),
            parent=item,
        )
        services.record_progress(child, by=body_official, progress=10 * n + 10, note="x")
        services.contest(
            item,
            ngo=representation.ngo,
            by=representation.user,
            text=f"t{n}",
            link="https://example.kz",
        )
    assert count() == before


def contest_post(client, item, ngo, **data):
    return client.post(
        reverse("accountability:contest", args=[item.code]),
        {"ngo": ngo.bin, "text": "The ramp is too steep.", **data},
    )


def test_a_representative_contests_with_a_document(
    client, implemented, representation, body_official, other_official
):
    client.force_login(representation.user)
    page = client.get(url(implemented)).content.decode()
    assert "Contest this claim" in page
    document = SimpleUploadedFile("steep.pdf", PDF, content_type="application/pdf")
    response = contest_post(client, implemented, representation.ngo, document=document)
    assert response.status_code == 302
    contestation = Contestation.objects.get()
    assert contestation.ngo == representation.ngo and contestation.document_name == "steep.pdf"
    document_url = reverse(
        "accountability:contestation_document", args=[implemented.code, contestation.pk]
    )
    assert client.get(document_url).status_code == 200  # the NGO itself
    client.force_login(body_official)
    assert client.get(document_url).status_code == 200
    assert b"%PDF" in b"".join(client.get(document_url).streaming_content)
    client.force_login(other_official)
    assert client.get(document_url).status_code == 403
    client.logout()
    assert client.get(document_url).status_code == 302  # to log in


def test_a_bad_document_is_refused_before_storing(client, implemented, representation, settings):
    client.force_login(representation.user)
    fake = SimpleUploadedFile("steep.pdf", b"<html>not a pdf</html>")
    response = contest_post(client, implemented, representation.ngo, document=fake)
    assert response.status_code == 400
    assert "Only PDF, JPEG and PNG" in response.content.decode()
    assert not Contestation.objects.exists()
    assert not (settings.MEDIA_ROOT / "accountability").exists()


def test_a_contest_needs_a_link_or_document(client, implemented, representation):
    client.force_login(representation.user)
    response = contest_post(client, implemented, representation.ngo)
    assert response.status_code == 400
    assert "Give a link or attach a document" in response.content.decode()


def test_a_planned_item_has_no_contest_form(client, item, representation):
    client.force_login(representation.user)
    assert "Contest this claim" not in client.get(url(item)).content.decode()
    response = contest_post(client, item, representation.ngo, link="https://example.kz")
    assert response.status_code == 400 and not Contestation.objects.exists()


def test_someone_without_a_verified_ngo_cannot_contest(
    client, implemented, ngo_user, representation
):
    client.force_login(ngo_user)
    assert "Contest this claim" not in client.get(url(implemented)).content.decode()
    response = contest_post(client, implemented, representation.ngo, link="https://example.kz")
    assert response.status_code == 403 and not Contestation.objects.exists()


def test_the_item_rows_fragment(client, body):
    from django.template.loader import render_to_string

    services.create_item(
        code="F-1", title="Fragment", responsible_body=body, deadline=datetime.date(2020, 5, 1)
    )
    html = render_to_string(
        "accountability/_item_rows.html", {"items": Item.objects.select_related("responsible_body")}
    )
    assert "F-1" in html and "Fragment" in html and "01.05.2020" in html and "overdue" in html
