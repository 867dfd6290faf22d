"""Registry rules that must hold on every path (issue 11): the year due, report years and figures,
BINs and dates, abolished regions, and what "data last confirmed" means."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from accounts import roles
from registry import services
from registry.bin import make_bin, validate_bin
from registry.forms import AnnualReportForm
from registry.models import NGO, AnnualReport, Region, last_ended_year, report_year_due
from registry.tests.factories import (
    AnnualReportFactory,
    NGOFactory,
    OfficialFactory,
    RepresentationFactory,
    region,
)
from registry.tests.test_self_service import NEW_NGO

pytestmark = pytest.mark.django_db

FIGURES = {
    "income_state_order": "0",
    "income_grants": "0",
    "income_donations": "100 000",
    "income_foreign": "0",
    "income_own": "0",
    "expense_programmes": "50 000",
    "expense_salaries": "0",
    "expense_administration": "0",
    "expense_assets": "0",
    "expense_other": "0",
    "staff_count": "1",
    "volunteer_count": "0",
    "beneficiary_count": "10",
    "project_count": "1",
}


def file_report(client, ngo, year, **figures):
    response = client.post(f"/en/my/ngos/{ngo.bin}/reports/new/", {"year": year}, follow=True)
    report = AnnualReport.objects.filter(ngo=ngo, year=year, status="draft").first()
    if report is None:
        return response, None
    url = f"/en/my/ngos/{ngo.bin}/reports/{report.pk}/"
    response = client.post(url, {**FIGURES, **figures, "continue": ""}, follow=True)
    if response.redirect_chain and response.redirect_chain[-1][0].endswith("/check/"):
        response = client.post(f"{url}check/", follow=True)  # check your answers, then submit
    report.refresh_from_db()
    return response, report


@pytest.fixture
def new_ngo_data():
    from registry.models import LegalForm

    return {
        **NEW_NGO,
        "legal_form": LegalForm.objects.get(code="private_institution").pk,
        "region": region("550000000").pk,
        "registered_on": "2017-02-01",
    }


@pytest.fixture
def representative(client, ngo_user):
    rep = RepresentationFactory(user=ngo_user, ngo__registered_on=datetime.date(2015, 3, 1))
    rep.ngo.bin = make_bin(2015, 3, 77)
    rep.ngo.save()
    client.force_login(ngo_user)
    return rep


# The year due


def test_a_report_for_a_year_not_yet_ended_is_refused_and_changes_nothing(client, representative):
    ngo = representative.ngo
    ngo.status = NGO.Status.VERIFIED
    ngo.save()
    this_year = timezone.localdate().year
    response, report = file_report(client, ngo, this_year)
    assert report is None
    assert f"The year {this_year} has not ended yet" in response.content.decode()
    ngo.refresh_from_db()
    assert ngo.status == NGO.Status.VERIFIED


def test_filing_the_year_due_activates_and_the_page_says_one_thing(client, representative):
    ngo = representative.ngo
    ngo.status = NGO.Status.PASSIVE
    ngo.save()
    due = report_year_due()
    file_report(client, ngo, due)
    ngo.refresh_from_db()
    assert ngo.status == NGO.Status.ACTIVE
    page = client.get(f"/en/ngos/{ngo.bin}/").content.decode()
    assert f"Annual information for {due} has been filed." in page
    assert "not filed" not in page
    assert services.mark_passive_ngos() == 0  # the daily task agrees with the filing


def test_a_passive_ngo_that_filed_since_becomes_active_in_the_daily_run():
    due = report_year_due()
    ngo = NGOFactory(status=NGO.Status.PASSIVE)
    AnnualReportFactory(ngo=ngo, year=due)
    assert services.mark_passive_ngos() == 1
    ngo.refresh_from_db()
    assert ngo.status == NGO.Status.ACTIVE


def test_verification_and_passive_marking_use_the_same_year():
    due = report_year_due()
    ngo = NGOFactory(status=NGO.Status.SUBMITTED)
    AnnualReportFactory(ngo=ngo, year=due - 1)  # an older year does not count
    services.verify_ngo(ngo, OfficialFactory())
    ngo.refresh_from_db()
    assert ngo.status == NGO.Status.VERIFIED
    assert services.mark_passive_ngos() == 1


def test_the_explanation_of_verified_matches_the_reports(client):
    due = report_year_due()
    none = NGOFactory(status=NGO.Status.VERIFIED)
    some = NGOFactory(status=NGO.Status.VERIFIED)
    AnnualReportFactory(ngo=some, year=due - 2)
    assert "no annual information filed yet" in none.public_status_explanation()
    assert "no annual information filed yet" not in some.public_status_explanation()
    assert str(due) in some.public_status_explanation()


# Latest versions


def test_has_state_funding_reads_the_latest_version_everywhere(client):
    corrected = NGOFactory(name_en="Corrected away")
    AnnualReportFactory(ngo=corrected, year=2023, version=1, income_state_order=5_000_000)
    AnnualReportFactory(ngo=corrected, year=2023, version=2, income_state_order=0, income_grants=0)
    funded = NGOFactory(name_en="Funded")
    AnnualReportFactory(ngo=funded, year=2023, income_grants=1_000_000)
    assert list(NGO.objects.with_state_funding()) == [funded]
    api = client.get("/api/v1/ngos/", {"funded": "true"}).json()
    assert [n["bin"] for n in api["results"]] == [funded.bin]
    page = client.get("/en/ngos/", {"funded": "false"}).content.decode()
    assert corrected.bin in page and funded.bin not in page


# BINs and dates


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (make_bin(2015, 3, 5, entity_type="6"), "bin_type"),
        (make_bin(2015, 3, 5, attribute="9"), "bin_attribute"),
        (make_bin(2015, 3, 5, attribute="3"), "bin_attribute"),
        (make_bin(2029, 12, 5), "bin_future"),
    ],
)
def test_bins_that_cannot_belong_to_an_ngo_are_refused(value, code):
    with pytest.raises(ValidationError) as error:
        validate_bin(value)
    assert error.value.code == code


def test_a_bin_of_next_month_is_in_the_future():
    month = (timezone.localdate().replace(day=28) + datetime.timedelta(days=5)).replace(day=1)
    with pytest.raises(ValidationError) as error:
        validate_bin(make_bin(month.year, month.month, 5))
    assert error.value.code == "bin_future"


def test_a_future_registration_date_and_a_bin_of_another_month_are_refused(
    client, ngo_user, new_ngo_data
):
    client.force_login(ngo_user)
    future = timezone.localdate() + datetime.timedelta(days=30)
    data = {**new_ngo_data, "bin": make_bin(2017, 2, 40), "registered_on": future.isoformat()}
    response = client.post("/en/my/ngos/new/", data)
    errors = response.context["form"].errors["registered_on"]
    assert f"The date {future:%d.%m.%Y} is in the future." in errors
    response = client.post("/en/my/ngos/new/", {**data, "registered_on": "2018-05-04"})
    assert "The BIN says the organisation was registered in 02.2017" in str(
        response.context["form"].errors["registered_on"]
    )
    client.post("/en/my/ngos/new/", {**data, "registered_on": "2017-02-14"})
    assert NGO.objects.get().registered_on == datetime.date(2017, 2, 14)


def test_the_model_refuses_a_future_registration_date():
    ngo = NGOFactory.build(
        registered_on=timezone.localdate() + datetime.timedelta(days=1),
        legal_form=NGOFactory().legal_form,
    )
    with pytest.raises(ValidationError) as error:
        ngo.full_clean()
    assert "registered_on" in error.value.message_dict


# Abolished regions


def test_forms_offer_current_regions_only_and_refuse_an_ended_one(client, ngo_user, new_ngo_data):
    client.force_login(ngo_user)
    south = region("510000000")
    page = client.get("/en/my/ngos/new/").content.decode()
    assert "South Kazakhstan" not in page
    response = client.post("/en/my/ngos/new/", {**new_ngo_data, "region": south.pk})
    assert "region" in response.context["form"].errors
    ngo = NGOFactory.build(region=south, legal_form=NGOFactory().legal_form)
    with pytest.raises(ValidationError) as error:
        ngo.full_clean()
    assert "no longer exists" in str(error.value.message_dict["region"])


def test_the_official_form_offers_current_regions_only(client):
    client.force_login(OfficialFactory(role=roles.ADMINISTRATOR))
    ngo = NGOFactory()
    page = client.get(f"/en/admin/registry/ngo/{ngo.pk}/change/").content.decode()
    assert "South Kazakhstan" not in page
    assert "Turkistan" in page


@pytest.mark.parametrize("kato", ["610000000", "790000000"])
def test_a_filter_by_a_current_region_finds_records_under_its_predecessor(client, kato):
    old = NGOFactory(region=region("510000000"))
    other = NGOFactory(region=region("750000000"))
    api = client.get("/api/v1/ngos/", {"region": kato}).json()
    assert [n["bin"] for n in api["results"]] == [old.bin]
    page = client.get("/en/ngos/", {"region": kato}).content.decode()
    assert old.bin in page and other.bin not in page
    east = NGOFactory(region=region("630000000"))  # a predecessor that still exists keeps its own
    abai = client.get("/api/v1/ngos/", {"region": "100000000"}).json()
    assert east.bin not in [n["bin"] for n in abai["results"]]
    assert Region.objects.get(kato=kato).is_current


# Report years and figures


def test_report_years_lie_between_registration_and_liquidation(client, representative):
    ngo = representative.ngo
    ngo.registered_on, ngo.bin = datetime.date(2020, 5, 1), make_bin(2020, 5, 9)
    ngo.save()
    response, report = file_report(client, ngo, 1995)
    assert report is None
    assert "from 2020 to" in response.content.decode()
    ngo.status, ngo.status_changed_at = NGO.Status.LIQUIDATED, timezone.now().replace(year=2022)
    ngo.status_reason = "court decision"
    ngo.save()
    response, report = file_report(client, ngo, 2024)
    assert report is None
    assert "from 2020 to 2022" in response.content.decode()
    _response, report = file_report(client, ngo, 2021)
    assert report.status == AnnualReport.Status.SUBMITTED
    ngo.refresh_from_db()
    assert ngo.data_confirmed_at is None  # a report of a liquidated NGO confirms nothing today


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("income_grants", "9000000000000000000", "At most 1 000 000 000 000; check the figure."),
        ("project_count", "2147483647", "At most 10 000; check the figure."),
        ("beneficiary_count", "30 000 000", "At most 20 000 000; check the figure."),
    ],
)
def test_implausible_figures_are_refused_naming_the_bound(
    client, representative, field, value, message
):
    ngo = representative.ngo
    response, report = file_report(client, ngo, report_year_due(), **{field: value})
    assert report.status == AnnualReport.Status.DRAFT
    assert message in response.content.decode()


def test_the_database_refuses_an_implausible_figure_too():
    with pytest.raises(IntegrityError):
        AnnualReportFactory(income_foreign=9 * 10**18)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("250 000", 250_000),
        ("250\u00a0000", 250_000),
        ("250\u202f000,00", 250_000),
        ("250000,00", 250_000),
        ("250000", 250_000),
    ],
)
def test_amounts_typed_as_people_write_them_are_read_correctly(typed, stored):
    form = AnnualReportForm({**FIGURES, "income_donations": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["income_donations"] == stored


@pytest.mark.parametrize("typed", ["250000,50", "250 000,50", "250.000", "250,000", "2,5 млн"])
def test_amounts_with_tiyn_or_unclear_separators_are_refused_not_multiplied(typed):
    form = AnnualReportForm({**FIGURES, "income_donations": typed})
    assert not form.is_valid()
    assert "income_donations" in form.errors


def test_a_decimal_comma_is_refused_with_a_message_in_russian(client, representative):
    response, report = file_report(
        client, representative.ngo, report_year_due(), income_donations="250000,50"
    )
    assert report.income_donations == 0 and report.status == AnnualReport.Status.DRAFT
    assert "250000" in response.content.decode() and "(,50)" in response.content.decode()


# The annual information the law asks for


def test_expenses_founders_and_property_are_reported_and_overspending_is_flagged(
    client, representative
):
    ngo = representative.ngo
    _response, report = file_report(
        client,
        ngo,
        report_year_due(),
        income_donations="100 000",
        expense_programmes="150 000",
        expense_salaries="50 000",
        member_count="12",
        founders="Айгерим Сейткали\nЕрлан Нурланов",
        property_value="1 500 000",
        property_description="Ноутбук, проектор",
    )
    assert report.status == AnnualReport.Status.SUBMITTED
    assert report.total_expenses == 200_000 and report.spent_more_than_received
    page = client.get(f"/en/ngos/{ngo.bin}/").content.decode()
    assert f"Where the money went in {report.year}" in page
    assert "Spent on programmes and services, ₸: 150,000 (75%)" in page
    assert "spent more than it received" in page
    assert "Ерлан Нурланов" in page and "проектор" in page


def test_a_report_without_expenses_cannot_be_submitted(client, representative):
    response, report = file_report(client, representative.ngo, report_year_due(), expense_other="")
    assert report.status == AnnualReport.Status.DRAFT


# Data last confirmed


def test_data_last_confirmed_moves_only_by_confirming_or_the_due_report(client, representative):
    ngo = representative.ngo
    client.post(
        f"/en/my/ngos/{ngo.bin}/edit/",
        {
            "name_kk": ngo.name_kk,
            "legal_form": ngo.legal_form_id,
            "kind": ngo.kind,
            "region": ngo.region_id,
            "registered_on": "2015-03-01",
            "phone": "+7 701 000 00 00",
        },
    )
    ngo.refresh_from_db()
    assert ngo.phone == "+7 701 000 00 00"
    assert ngo.data_confirmed_at is None
    file_report(client, ngo, report_year_due() - 3)
    ngo.refresh_from_db()
    assert ngo.data_confirmed_at is None
    client.post(f"/en/my/ngos/{ngo.bin}/confirm/")
    ngo.refresh_from_db()
    confirmed = ngo.data_confirmed_at
    assert confirmed is not None
    assert ngo.history.first().history_change_reason == "particulars confirmed"
    _response, report = file_report(client, ngo, report_year_due())
    ngo.refresh_from_db()
    assert ngo.data_confirmed_at == report.submitted_at > confirmed


def test_the_year_a_report_can_be_filed_for_ends_last_year():
    assert last_ended_year(datetime.date(2026, 2, 10)) == 2025
    assert report_year_due(datetime.date(2026, 2, 10)) == 2024
    assert report_year_due(datetime.date(2026, 5, 10)) == 2025
