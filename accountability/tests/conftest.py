import datetime

import pytest
from django.utils import translation

from registry.models import StateBody
from registry.tests.factories import NGOFactory, OfficialFactory, RepresentationFactory

from .. import services
from ..models import Item


@pytest.fixture(autouse=True)
def _english():
    """Service messages are asserted in English; the pages' tests choose their language."""
    with translation.override("en"):
        yield


@pytest.fixture
def body(db):
    return StateBody.objects.get(code="mlsp")


@pytest.fixture
def other_body(db):
    return StateBody.objects.get(code="moh")


@pytest.fixture
def body_official(body):
    return OfficialFactory(body=body)


@pytest.fixture
def other_official(other_body):
    return OfficialFactory(body=other_body)


@pytest.fixture
def item(body):
    return services.create_item(
        code="XII-0001",
        title={"kk": "Мүгедектерге арналған пандустар", "ru": "Пандусы", "en": "Ramps"},
        description={"en": "Ramps at every polyclinic."},
        responsible_body=body,
        deadline=datetime.date(2030, 12, 31),
        source="forum",
    )


@pytest.fixture
def implemented(item, body_official):
    services.record_progress(
        item, by=body_official, status=Item.Status.IMPLEMENTED, note="Ramps built."
    )
    item.refresh_from_db()
    return item


@pytest.fixture
def representation(db):
    return RepresentationFactory(ngo=NGOFactory())
