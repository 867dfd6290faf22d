from collections import Counter

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from accounts.models import User
from registry.bin import is_valid
from registry.management.commands.load_demo_data import PASSWORD
from registry.models import (
    NGO,
    AnnualReport,
    Membership,
    Representation,
    ResourceCentre,
    StateBody,
)

pytestmark = pytest.mark.django_db
DEMO_LOGINS = ["official@demo.kz", "ngo@demo.kz", "admin@demo.kz"]


@pytest.fixture
def demo_register():
    call_command("load_demo_data", ngos=300)


def last_year_filers():
    year = AnnualReport.objects.latest("year").year
    return AnnualReport.objects.submitted().filter(year=year).values("ngo")


def table_sizes():
    return [m.objects.count() for m in (NGO, AnnualReport, Membership, ResourceCentre, User)]


def test_creates_the_requested_ngos_with_valid_unique_bins_of_their_registration_month(
    demo_register,
):
    ngos = list(NGO.objects.all())
    assert len(ngos) == 300
    assert len({n.bin for n in ngos}) == 300
    assert all(is_valid(n.bin) for n in ngos)
    assert all(n.bin[:4] == n.registered_on.strftime("%y%m") for n in ngos)


def test_most_ngos_are_active_and_every_status_occurs(demo_register):
    statuses = Counter(NGO.objects.values_list("status", flat=True))
    assert 0.74 <= statuses[NGO.Status.ACTIVE] / 300 <= 0.82
    assert all(statuses[status] for status in NGO.Status.values)
    assert not NGO.objects.filter(status=NGO.Status.REJECTED, status_reason="").exists()


def test_every_ngo_is_named_in_three_languages(demo_register):
    for language in ("kk", "ru", "en"):
        assert not NGO.objects.filter(**{f"name_{language}": ""}).exists()
        assert not NGO.objects.filter(**{f"name_{language}__isnull": True}).exists()


def test_active_ngos_filed_for_last_year_and_passive_ones_did_not(demo_register):
    active = NGO.objects.filter(status=NGO.Status.ACTIVE)
    passive = NGO.objects.filter(status=NGO.Status.PASSIVE)
    assert active.exclude(pk__in=last_year_filers()).count() == 0
    assert passive.filter(pk__in=last_year_filers()).count() == 0
    assert AnnualReport.objects.values("year").distinct().count() >= 3


def test_some_reports_were_filed_late(demo_register):
    on_time = Counter(r.filed_on_time for r in AnnualReport.objects.submitted())
    assert on_time[True] > on_time[False] > 0


def test_umbrella_associations_have_members(demo_register):
    confederation = NGO.objects.get(name_en__contains="Confederation of NGOs of Kazakhstan")
    assert confederation.member_links.count() >= 3
    assert ResourceCentre.objects.count() >= 20


def test_demo_accounts_can_log_in(demo_register, client):
    for email in DEMO_LOGINS:
        request = RequestFactory().post("/")
        assert client.login(request=request, username=email, password=PASSWORD), email


def test_demo_official_and_representative_have_their_roles(demo_register):
    official = User.objects.get(email="official@demo.kz")
    assert official.has_role("ministry_official") and official.is_staff
    assert official in StateBody.objects.get(code="mci").officials.all()
    representation = Representation.objects.get(user__email="ngo@demo.kz")
    assert representation.status == Representation.Status.APPROVED
    assert representation.ngo.status == NGO.Status.ACTIVE


def test_a_second_run_creates_nothing(demo_register):
    before = table_sizes()
    call_command("load_demo_data", ngos=300)
    assert table_sizes() == before
