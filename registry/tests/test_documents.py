import pytest
from django.core.files.base import ContentFile

from registry.models import Document, StateBody
from registry.tests.factories import OfficialFactory, RepresentationFactory, UserFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter():
    rep = RepresentationFactory(ngo__region=region("390000000"))
    document = Document(ngo=rep.ngo, kind="charter", original_name="charter.pdf", size=14)
    document.file.save("charter.pdf", ContentFile(b"%PDF-1.7\n%%EOF"), save=True)
    return document, rep.user


def test_representative_and_official_in_scope_download_the_charter(client, charter):
    document, representative = charter
    client.force_login(representative)
    response = client.get(f"/ru/documents/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n%%EOF"
    client.force_login(OfficialFactory(body=StateBody.objects.get(code="akimat-390000000")))
    assert client.get(f"/ru/documents/{document.pk}/").status_code == 200


def test_documents_are_private_to_others(client, charter):
    document, _ = charter
    assert client.get(f"/ru/documents/{document.pk}/").status_code == 302
    client.force_login(UserFactory())
    assert client.get(f"/ru/documents/{document.pk}/").status_code == 404
    client.force_login(OfficialFactory(body=StateBody.objects.get(code="akimat-310000000")))
    assert client.get(f"/ru/documents/{document.pk}/").status_code == 404


def test_council_secretaries_cannot_download_charters(client, charter):
    document, _ = charter
    client.force_login(OfficialFactory(role="council_secretary"))
    assert client.get(f"/ru/documents/{document.pk}/").status_code == 404


def test_a_hidden_document_answers_like_one_that_does_not_exist(client, charter):
    """Ids are counted up: 403 for existing and 404 for missing ones would tell which exist."""
    document, _ = charter
    client.force_login(UserFactory())
    hidden = client.get(f"/en/documents/{document.pk}/")
    missing = client.get(f"/en/documents/{document.pk + 1000}/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
