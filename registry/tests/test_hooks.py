"""The extension point: other apps add sections to the NGO page and tiles to the staff dashboard."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry import hooks
from registry.models import NGO, Membership
from registry.tests.factories import AnnualReportFactory, NGOFactory

pytestmark = pytest.mark.django_db


def contracts_section(request, ngo):
    """What an app such as tenders would add: one query, whatever the data."""
    count = NGO.objects.filter(region=ngo.region).count()
    return hooks.Section(
        "contracts", "State social order", "tests/hook_section.html", {"count": count}
    )


def nothing_for_this_ngo(request, ngo):
    return None


def tenders_tile(request):
    return hooks.Tile(
        key="tenders",
        title="Applications to score",
        count=7,
        url="/staff/tenders/",
        link_text="Score the applications",
        order=5,
    )


def test_an_app_adds_a_section_to_the_ngo_page(client, settings, tmp_path):
    ngo = NGOFactory()
    with (
        hooks.registered(hooks.NGO_PAGE_SECTIONS, contracts_section),
        hooks.registered(hooks.NGO_PAGE_SECTIONS, nothing_for_this_ngo),
    ):
        page = client.get(f"/en/ngos/{ngo.bin}/").content.decode()
    assert '<h2 id="section-contracts">State social order</h2>' in page
    assert "Organisations of this region: 1" in page
    assert "State social order</h2>" not in client.get(f"/en/ngos/{ngo.bin}/").content.decode()


def test_an_app_adds_a_tile_to_the_dashboard_before_the_registrys(client, official):
    client.force_login(official)
    with hooks.registered(hooks.STAFF_DASHBOARD_TILES, tenders_tile):
        response = client.get("/en/staff/")
    keys = [tile.key for tile in response.context["tiles"]]
    registry_tiles = ["verification", "changes", "claims", "imports", "missed"]
    # The installed apps' own tiles may sit among them; the order of these is the point.
    assert [key for key in keys if key in ["tenders", *registry_tiles]] == [
        "tenders",
        *registry_tiles,
    ]
    page = response.content.decode()
    assert "Applications to score" in page and 'href="/staff/tenders/"' in page


def test_unknown_hook_names_are_refused():
    with pytest.raises(ValueError, match="Unknown hook"):
        hooks.register("ngo_page_section", contracts_section)


def queries_for(client, ngo) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/ru/ngos/{ngo.bin}/").status_code == 200
    return len(ctx.captured_queries)


def test_the_ngo_page_needs_the_same_queries_whatever_its_data(client):
    """A bounded number of queries: more areas, reports, associations and members add none (an
    NGO with no network at all skips the queries of its lists)."""
    ngo = NGOFactory(areas=["youth"])
    AnnualReportFactory(ngo=ngo, year=2020)
    association = NGOFactory()
    Membership.objects.create(
        association=association, member=ngo, joined_on=datetime.date(2010, 1, 1)
    )
    member = NGOFactory()
    Membership.objects.create(association=ngo, member=member, joined_on=datetime.date(2010, 1, 1))
    with hooks.registered(hooks.NGO_PAGE_SECTIONS, contracts_section):
        alone = queries_for(client, NGOFactory())
        before = queries_for(client, ngo)
        ngo.activity_areas.add(*ngo.activity_areas.model.objects.all()[:5])
        for year in range(2015, 2020):
            AnnualReportFactory(ngo=ngo, year=year)
        for other in NGOFactory.create_batch(5):
            Membership.objects.create(
                association=other, member=ngo, joined_on=datetime.date(2011, 1, 1)
            )
            Membership.objects.create(
                association=ngo, member=other, joined_on=datetime.date(2011, 1, 1)
            )
        after = queries_for(client, ngo)
    assert alone <= before == after


def test_the_dashboard_needs_the_same_queries_whatever_waits(client, official):
    from registry import services
    from registry.tests.factories import RepresentationFactory

    client.force_login(official)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/ru/staff/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for _ in range(6):
        rep = RepresentationFactory(ngo__status=NGO.Status.DRAFT)
        services.submit_for_verification(rep.ngo, rep.user)
        RepresentationFactory(status="pending")
    assert count() == before
