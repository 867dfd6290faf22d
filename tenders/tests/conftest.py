import importlib

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Service messages are asserted in English; the pages' tests choose their language."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _mci_values(request, _reference_data):
    """The MCI values the data migration seeds; a transactional test before may have wiped them."""
    names = set(request.fixturenames)
    if not (request.node.get_closest_marker("django_db") or names & {"db", "transactional_db"}):
        return
    from tenders.models import MCIValue

    if not MCIValue.objects.exists():
        seeded = importlib.import_module("tenders.migrations.0003_mci_values").PUBLISHED
        MCIValue.objects.bulk_create(
            MCIValue(year=year, value_tenge=value) for year, value in seeded.items()
        )
