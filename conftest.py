import pytest


def _load_reference_data():
    """Regions, areas, legal forms, state bodies and role groups, as the data migrations make them.

    A transactional test (the browser tests' live server) empties every table when it ends, data
    migrations' rows included; the tests after it get them back from here.
    """
    from django.apps import apps

    from accounts.roles import sync_role_permissions
    from registry import reference
    from registry.models import LegalForm

    if not LegalForm.objects.exists():
        reference.load(apps)
        sync_role_permissions()


@pytest.fixture(autouse=True)
def _reference_data(request):
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not names & {"db", "transactional_db", "live_server"}:
        return
    transactional = bool(names & {"transactional_db", "live_server"}) or bool(
        marker and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    _load_reference_data()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters (API throttling, exports, login lockouts) start at zero in each test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_public_cache(settings):
    """Each request of a test builds its page afresh: tests change hooks, settings and the clock
    between two visits. tests/test_public_cache.py turns the cache on."""
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.GENERATION_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def official(db):
    from registry.tests.factories import OfficialFactory

    return OfficialFactory()


@pytest.fixture
def ngo_user(db):
    from registry.tests.factories import UserFactory

    return UserFactory()
