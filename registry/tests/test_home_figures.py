"""The home page's figures: the register's own, and those other apps contribute through a hook."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry import hooks
from registry.models import NGO
from registry.tests.factories import NGOFactory

pytestmark = pytest.mark.django_db


def example_figure(request):
    """What an app would add: one query, whatever the data."""
    return hooks.Figure("example", NGO.objects.count() * 1000, "example members", order=1)


def nothing(request):
    return None


def test_an_app_adds_a_figure_to_the_home_page(client):
    NGOFactory.create_batch(2)
    with CaptureQueriesContext(connection) as without:
        client.get("/en/")
    with (
        hooks.registered(hooks.HOME_FIGURES, example_figure),
        hooks.registered(hooks.HOME_FIGURES, nothing),
        CaptureQueriesContext(connection) as with_it,
    ):
        response = client.get("/en/")
    page = response.content.decode()
    assert 'id="figure-example"' in page and "example members" in page
    assert "2,000" in page or "2 000" in page or "2\xa0000" in page
    assert response.context["figures"][0].key == "example"
    assert len(with_it) == len(without) + 1
    assert 'id="figure-example"' not in client.get("/en/").content.decode()


def test_an_unknown_hook_name_is_refused():
    with pytest.raises(ValueError, match="home_figures"):
        hooks.register("home_figure", nothing)
