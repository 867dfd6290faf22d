import pytest


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
