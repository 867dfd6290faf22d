import pytest
from django.utils import timezone

from registry.models import NGO
from registry.tests.factories import RepresentationFactory

pytestmark = pytest.mark.django_db


def test_submitting_for_verification_records_when(client, ngo_user):
    rep = RepresentationFactory(user=ngo_user, ngo__status=NGO.Status.DRAFT)
    client.force_login(ngo_user)
    before = timezone.now()
    client.post(f"/en/my/ngos/{rep.ngo.bin}/submit/")
    ngo = NGO.objects.get(pk=rep.ngo.pk)
    assert ngo.status == NGO.Status.SUBMITTED
    assert ngo.submitted_at is not None and ngo.submitted_at >= before
    assert ngo.history.first().submitted_at == ngo.submitted_at
