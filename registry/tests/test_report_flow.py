"""The annual report as a representative files it: year due, empty figures, check, confirmation."""

import datetime
import re

import pytest

from registry import models
from registry.models import NGO, AnnualReport
from registry.tests.factories import AnnualReportFactory, RepresentationFactory

pytestmark = pytest.mark.django_db

FIGURES = {
    "income_state_order": "12000000",
    "income_grants": "0",
    "income_donations": "350000",
    "income_foreign": "0",
    "income_own": "10000",
    "staff_count": "4",
    "volunteer_count": "25",
    "beneficiary_count": "1200",
    "project_count": "2",
    "expense_programmes": "9000000",
    "expense_salaries": "2500000",
    "expense_administration": "600000",
    "expense_assets": "0",
    "expense_other": "0",
}


@pytest.fixture
def rep(client, ngo_user):
    client.force_login(ngo_user)
    return RepresentationFactory(user=ngo_user, ngo__status=NGO.Status.PASSIVE)


def suggested_year(client, ngo) -> int:
    html = client.get(f"/en/my/ngos/{ngo.bin}/").content.decode()
    return int(re.search(r'name="year" value="(\d+)"', html).group(1))


def test_the_year_suggested_is_the_one_due_not_the_oldest_missing(client, rep):
    due = models.report_year_due()
    AnnualReportFactory(ngo=rep.ngo, year=due - 1)  # an older year is missing too: due - 2
    assert suggested_year(client, rep.ngo) == due
    AnnualReportFactory(ngo=rep.ngo, year=due)
    assert suggested_year(client, rep.ngo) == models.today().year - 1


def test_before_31_march_the_overdue_year_comes_first(client, rep, monkeypatch):
    monkeypatch.setattr(models.common, "today", lambda: datetime.date(2026, 3, 10))
    assert suggested_year(client, rep.ngo) == 2024
    AnnualReportFactory(ngo=rep.ngo, year=2024)
    assert suggested_year(client, rep.ngo) == 2025


def test_figures_start_empty_not_zero(client, rep):
    client.post(f"/en/my/ngos/{rep.ngo.bin}/reports/new/", {"year": 2025})
    report = AnnualReport.objects.get(ngo=rep.ngo)
    html = client.get(f"/en/my/ngos/{rep.ngo.bin}/reports/{report.pk}/").content.decode()
    for field in FIGURES:
        tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', html).group(0)
        assert "value=" not in tag, tag
    # Empty is not taken for 0: each figure must be entered.
    response = client.post(
        f"/en/my/ngos/{rep.ngo.bin}/reports/{report.pk}/", {**FIGURES, "staff_count": ""}
    )
    assert "Staff: This field is required." in response.content.decode()


def test_a_late_report_is_announced_as_late(client, rep):
    old = AnnualReportFactory(
        ngo=rep.ngo, year=2020, status=AnnualReport.Status.DRAFT, submitted_at=None
    )
    html = client.get(f"/en/my/ngos/{rep.ngo.bin}/reports/{old.pk}/").content.decode()
    assert "The deadline for this report was 31.03.2021." in html
    assert "filed late" in html


def test_a_report_on_time_shows_its_deadline(client, rep, monkeypatch):
    monkeypatch.setattr(models.common, "today", lambda: datetime.date(2026, 2, 1))
    report = AnnualReportFactory(
        ngo=rep.ngo, year=2025, status=AnnualReport.Status.DRAFT, submitted_at=None
    )
    html = client.get(f"/kk/my/ngos/{rep.ngo.bin}/reports/{report.pk}/").content.decode()
    assert "31.03.2026" in html
    assert 'class="notice"' not in html


def test_check_your_answers_then_submit_then_a_reference_number(client, rep):
    year = models.report_year_due()
    client.post(f"/ru/my/ngos/{rep.ngo.bin}/reports/new/", {"year": year})
    report = AnnualReport.objects.get(ngo=rep.ngo)
    url = f"/ru/my/ngos/{rep.ngo.bin}/reports/{report.pk}/"
    response = client.post(url, {**FIGURES, "continue": ""})
    assert response.url == f"{url}check/"
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.DRAFT  # nothing is submitted before the check
    assert report.income_state_order == 12_000_000
    check = client.get(f"{url}check/").content.decode()
    assert re.search(r"12\s000\s000", check)
    assert f'href="{url}#id_income_state_order"' in check
    response = client.post(f"{url}check/")
    assert response.url == f"{url}done/"
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.SUBMITTED
    rep.ngo.refresh_from_db()
    assert rep.ngo.status == NGO.Status.ACTIVE
    done = client.get(f"{url}done/").content.decode()
    assert f"{rep.ngo.bin}-{year}-v1" in done
    # The check page of a submitted report leads back to the report, which cannot be resubmitted.
    assert client.get(f"{url}check/").url == url
    assert client.post(f"{url}check/").url == url


def test_saving_a_draft_keeps_it_a_draft(client, rep):
    report = AnnualReportFactory(ngo=rep.ngo, status=AnnualReport.Status.DRAFT, submitted_at=None)
    url = f"/en/my/ngos/{rep.ngo.bin}/reports/{report.pk}/"
    response = client.post(url, {**FIGURES, "save": ""}, follow=True)
    assert "The draft has been saved." in response.content.decode()
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.DRAFT and report.staff_count == 4


def test_a_correction_gets_its_own_reference(client, rep):
    report = AnnualReportFactory(ngo=rep.ngo, year=2024)
    client.post(f"/en/my/ngos/{rep.ngo.bin}/reports/{report.pk}/correct/")
    correction = AnnualReport.objects.get(ngo=rep.ngo, version=2)
    url = f"/en/my/ngos/{rep.ngo.bin}/reports/{correction.pk}/"
    html = client.get(url).content.decode()
    assert 'value="5000000"' in html  # a correction starts from the figures it corrects
    client.post(url, {**FIGURES, "continue": ""})
    client.post(f"{url}check/")
    assert f"{rep.ngo.bin}-2024-v2" in client.get(f"{url}done/").content.decode()
