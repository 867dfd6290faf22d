"""My NGOs says one thing per organisation, with the next step."""

import datetime
import re

import pytest

from registry import models
from registry.models import NGO, Representation
from registry.tests.factories import AnnualReportFactory, RepresentationFactory

pytestmark = pytest.mark.django_db


def my_ngos(client, user):
    client.force_login(user)
    return client.get("/en/my/ngos/").content.decode()


def says_only(page, badge, *texts):
    """One status per NGO (its badge), with the explanation and next step."""
    assert re.findall(r'class="badge[^"]*">([^<]*)<', page) == [badge]
    for text in texts:
        assert text in page


@pytest.mark.parametrize(
    ("claim", "ngo_status", "says", "next_step"),
    [
        ("pending", "active", "Request sent", "once it is approved"),
        ("pending", "rejected", "Request sent", "once it is approved"),
        ("rejected", "active", "Request not approved", "ask its head to contact the ministry"),
        ("rejected", "submitted", "Request not approved", "ask its head"),
        ("approved", "draft", "Draft", "Complete the profile and submit it for verification"),
        ("approved", "submitted", "Being checked", "nothing to do until it answers"),
        ("approved", "rejected", "Returned for correction", "Correct the profile and submit"),
        ("approved", "liquidated", "Liquidated", "nothing can be filed"),
    ],
)
def test_each_combination_says_one_thing(client, ngo_user, claim, ngo_status, says, next_step):
    reason = "The charter is missing." if ngo_status == "rejected" else ""
    RepresentationFactory(
        user=ngo_user,
        status=claim,
        decision_reason="We could not confirm your position." if claim == "rejected" else "",
        ngo__status=ngo_status,
        ngo__status_reason=reason,
    )
    page = my_ngos(client, ngo_user)
    says_only(page, says, next_step)
    assert "Approved" not in page
    if claim == "approved" and ngo_status == "rejected":
        assert "The charter is missing." in page
    if claim == "rejected":
        assert "We could not confirm your position." in page
    if claim != "approved":
        assert "/edit/" not in page and "submit it" not in page


def test_a_public_ngo_without_last_years_report_is_told_to_file_it(client, ngo_user):
    rep = RepresentationFactory(user=ngo_user, ngo__status=NGO.Status.PASSIVE)
    year = models.report_year_due()
    page = my_ngos(client, ngo_user)
    says_only(page, "Overdue", f"File the annual report for {year}")
    AnnualReportFactory(ngo=rep.ngo, year=year)
    page = my_ngos(client, ngo_user)
    says_only(page, "Passive", "nothing is due now")


def test_before_31_march_last_years_report_is_due_not_overdue(client, ngo_user, monkeypatch):
    monkeypatch.setattr(models.common, "today", lambda: datetime.date(2026, 2, 10))
    rep = RepresentationFactory(user=ngo_user, ngo__status=NGO.Status.ACTIVE)
    AnnualReportFactory(ngo=rep.ngo, year=2024)
    page = my_ngos(client, ngo_user)
    says_only(page, "Due", "due by 31 March 2026", "File the annual report for 2025")


def test_an_ngo_founded_this_year_has_nothing_due(client, ngo_user):
    RepresentationFactory(
        user=ngo_user,
        ngo__status=NGO.Status.VERIFIED,
        ngo__registered_on=models.today().replace(month=1, day=1),
    )
    says_only(my_ngos(client, ngo_user), "Verified", "nothing is due now")


def test_only_approved_representatives_get_a_link_to_manage(client, ngo_user):
    rep = RepresentationFactory(user=ngo_user, status=Representation.Status.PENDING)
    assert f"/my/ngos/{rep.ngo.bin}/" not in my_ngos(client, ngo_user)
