import datetime

import pytest
from django.utils import timezone

from registry.models import NGO, Membership
from registry.tests.factories import AnnualReportFactory, NGOFactory, region

pytestmark = pytest.mark.django_db


def test_ngo_page_shows_profile_figures_and_transparency(client):
    last_year = datetime.date.today().year - 1
    ngo = NGOFactory(
        areas=["youth", "education"],
        data_confirmed_at=timezone.now(),
        region=region("610000000"),
        registered_on=datetime.date(2005, 7, 19),
    )
    AnnualReportFactory(
        ngo=ngo,
        year=last_year,
        income_state_order=59_700_000,
        submitted_at=datetime.datetime(last_year + 1, 3, 30, 12, tzinfo=datetime.UTC),
    )
    association = NGOFactory(name_en="Civil Alliance of Kazakhstan")
    Membership.objects.create(
        association=association, member=ngo, joined_on=datetime.date(2010, 1, 1)
    )
    page = client.get(f"/en/ngos/{ngo.bin}/").content.decode()
    assert ngo.name_en in page
    assert "59,700,000" in page
    assert "filed on time (by 31 March)" in page
    assert "Civil Alliance of Kazakhstan" in page
    assert "at registration: South Kazakhstan Region" in page
    assert "Youth, Education" in page


def test_a_late_report_is_shown_as_late(client):
    last_year = datetime.date.today().year - 1
    ngo = NGOFactory()
    AnnualReportFactory(
        ngo=ngo,
        year=last_year,
        submitted_at=datetime.datetime(last_year + 1, 4, 15, 12, tzinfo=datetime.UTC),
    )
    assert "filed late" in client.get(f"/en/ngos/{ngo.bin}/").content.decode()


def test_liquidated_ngo_is_public_with_its_reason(client):
    ngo = NGOFactory(status=NGO.Status.LIQUIDATED, status_reason="Ликвидировано по решению суда")
    page = client.get(f"/ru/ngos/{ngo.bin}/").content.decode()
    assert "Ликвидировано по решению суда" in page


def test_completeness_grows_with_filled_fields_and_reports():
    ngo = NGOFactory(areas=["youth"])
    before = ngo.completeness()
    ngo.email, ngo.phone, ngo.website = "a@b.kz", "+7 701 000 0000", "https://ngo.kz"
    AnnualReportFactory(ngo=ngo, year=datetime.date.today().year - 1)
    assert ngo.completeness() > before
