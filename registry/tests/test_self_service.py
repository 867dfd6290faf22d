import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from registry.models import NGO, AnnualReport, Document, Representation
from registry.tests.factories import (
    AnnualReportFactory,
    NGOFactory,
    RepresentationFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db

NEW_NGO = {
    "bin": "170240846524",
    "name_kk": "«Жасыл әлем» экологиялық қозғалысы",
    "name_ru": "Экологическое движение «Жасыл алем»",
    "legal_form": None,
    "kind": "sociopolitical",
    "region": None,
    "activity_areas": [],
}


@pytest.fixture
def new_ngo_data():
    from registry.models import ActivityArea, LegalForm

    return {
        **NEW_NGO,
        "legal_form": LegalForm.objects.get(code="private_institution").pk,
        "region": region("550000000").pk,
        "activity_areas": [ActivityArea.objects.get(code="environment").pk],
    }


def login(client, user):
    client.force_login(user)


def test_sign_up_sends_a_link_that_confirms_the_email(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ru/accounts/signup/",
            {
                "email": "Aigerim@Example.kz",
                "full_name": "Айгерим Сейтова",
                "password1": "Long-enough-pass-77",
                "password2": "Long-enough-pass-77",
            },
        )
    assert response.status_code == 200
    user = User.objects.get(email="aigerim@example.kz")
    assert not user.email_verified
    assert user.has_role("ngo_representative")
    link = next(line for line in mail.outbox[0].body.splitlines() if "/verify/" in line)
    response = client.get(link.replace("http://testserver", ""))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified


def test_sign_up_refuses_a_weak_password(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "new@example.kz", "full_name": "X", "password1": "123", "password2": "123"},
    )
    form = response.context["form"]
    assert form.errors["password2"] and "email" not in form.errors
    assert not User.objects.filter(email__iexact="new@example.kz").exists()


def test_a_new_ngo_starts_as_a_draft_represented_by_its_creator(client, ngo_user, new_ngo_data):
    login(client, ngo_user)
    response = client.post("/ru/my/ngos/new/", new_ngo_data)
    assert response.status_code == 302
    ngo = NGO.objects.get(bin="170240846524")
    assert ngo.status == NGO.Status.DRAFT
    assert ngo.representatives.get().user == ngo_user
    assert ngo.history.first().history_user == ngo_user
    assert client.get(f"/ru/ngos/{ngo.bin}/").status_code == 404


@pytest.mark.parametrize(
    ("bin", "message"),
    [
        ("170240846525", "The check digit of this BIN is wrong (the last digit should be 4)."),
        ("1702408465", "A BIN has 12 digits; this one has 10."),
    ],
)
def test_an_invalid_bin_is_refused_with_the_reason(client, ngo_user, new_ngo_data, bin, message):
    login(client, ngo_user)
    response = client.post("/en/my/ngos/new/", {**new_ngo_data, "bin": bin})
    assert message in response.context["form"].errors["bin"]
    assert not NGO.objects.exists()


def test_the_bin_of_a_public_ngo_is_refused_with_the_way_to_claim_it(
    client, ngo_user, new_ngo_data
):
    NGOFactory(bin="170240846524")
    login(client, ngo_user)
    response = client.post("/en/my/ngos/new/", {**new_ngo_data, "bin": "1702 4084 6524"})
    assert (
        "This organisation is already in the register; ask to represent it instead."
        in response.context["form"].errors["bin"]
    )
    assert NGO.objects.count() == 1
    assert not Representation.objects.exists()


def test_a_claim_waits_for_an_official_and_cannot_be_repeated(client, ngo_user):
    ngo = NGOFactory()
    login(client, ngo_user)
    client.post("/ru/my/ngos/claim/", {"bin": ngo.bin, "position": "Директор", "confirm": ""})
    claim = Representation.objects.get(user=ngo_user, ngo=ngo)
    assert claim.status == Representation.Status.PENDING
    assert client.get(f"/ru/my/ngos/{ngo.bin}/").status_code == 403
    again = client.post(
        "/en/my/ngos/claim/", {"bin": ngo.bin, "position": "Director", "confirm": ""}
    )
    assert (
        "You have already asked to represent this organisation."
        in again.context["form"].errors["bin"]
    )
    unknown = client.post("/en/my/ngos/claim/", {"bin": "240440492218", "position": "x"})
    assert unknown.context["not_found"] == "240440492218"


def test_a_representative_of_another_ngo_cannot_edit_or_report(client, new_ngo_data):
    mine = RepresentationFactory()
    theirs = RepresentationFactory()
    login(client, mine.user)
    other = theirs.ngo
    before = other.name_ru
    for url in (f"/ru/my/ngos/{other.bin}/", f"/ru/my/ngos/{other.bin}/edit/"):
        assert client.get(url).status_code == 403
    edit = client.post(f"/ru/my/ngos/{other.bin}/edit/", {**new_ngo_data, "name_ru": "Захват"})
    assert edit.status_code == 403
    report = client.post(f"/ru/my/ngos/{other.bin}/reports/new/", {"year": 2025})
    assert report.status_code == 403
    other.refresh_from_db()
    assert other.name_ru == before
    assert not other.annual_reports.exists()


def test_submit_for_verification_needs_a_kazakh_name(client, ngo_user):
    rep = RepresentationFactory(user=ngo_user, ngo__status=NGO.Status.DRAFT, ngo__name_kk="")
    login(client, ngo_user)
    client.post(f"/en/my/ngos/{rep.ngo.bin}/submit/")
    rep.ngo.refresh_from_db()
    assert rep.ngo.status == NGO.Status.DRAFT
    rep.ngo.name_kk = "Жаңа ұйым"
    rep.ngo.save()
    client.post(f"/en/my/ngos/{rep.ngo.bin}/submit/")
    rep.ngo.refresh_from_db()
    assert rep.ngo.status == NGO.Status.SUBMITTED
    page = client.get(f"/en/my/ngos/{rep.ngo.bin}/")
    assert "The ministry is checking your profile." in page.content.decode()


def test_annual_report_is_filled_submitted_and_corrected_as_a_new_version(client, ngo_user):
    rep = RepresentationFactory(user=ngo_user, ngo__status=NGO.Status.PASSIVE)
    ngo = rep.ngo
    login(client, ngo_user)
    year = datetime.date.today().year - 1
    response = client.post(f"/ru/my/ngos/{ngo.bin}/reports/new/", {"year": year})
    report = AnnualReport.objects.get(ngo=ngo, year=year)
    assert response.url.endswith(f"/reports/{report.pk}/")
    figures = {
        "income_state_order": "12000000",
        "income_grants": "0",
        "income_donations": "350000",
        "income_foreign": "0",
        "income_own": "10000",
        "staff_count": "4",
        "volunteer_count": "25",
        "beneficiary_count": "1200",
        "project_count": "2",
        "expense_programmes": "9 000 000",
        "expense_salaries": "2 500 000",
        "expense_administration": "600 000",
        "expense_assets": "0",
        "expense_other": "0",
    }
    client.post(f"/ru/my/ngos/{ngo.bin}/reports/{report.pk}/", {**figures, "continue": ""})
    client.post(f"/ru/my/ngos/{ngo.bin}/reports/{report.pk}/check/")
    report.refresh_from_db()
    ngo.refresh_from_db()
    assert report.status == AnnualReport.Status.SUBMITTED
    assert report.income_state_order == 12_000_000
    assert ngo.status == NGO.Status.ACTIVE

    # A submitted report is not overwritten...
    client.post(f"/ru/my/ngos/{ngo.bin}/reports/{report.pk}/", {**figures, "income_own": "1"})
    report.refresh_from_db()
    assert report.income_own == 10_000
    # ...a correction is a new version, and a second report for the same year is refused.
    client.post(f"/ru/my/ngos/{ngo.bin}/reports/{report.pk}/correct/")
    correction = AnnualReport.objects.get(ngo=ngo, year=year, version=2)
    assert correction.status == AnnualReport.Status.DRAFT
    assert correction.income_state_order == 12_000_000
    again = client.post(f"/en/my/ngos/{ngo.bin}/reports/new/", {"year": year}, follow=True)
    assert f"An annual report for {year} already exists" in again.content.decode()
    assert AnnualReport.objects.filter(ngo=ngo, year=year).count() == 2


def test_negative_income_is_refused_and_nothing_saved(client, ngo_user):
    rep = RepresentationFactory(user=ngo_user)
    report = AnnualReportFactory(ngo=rep.ngo, status=AnnualReport.Status.DRAFT, submitted_at=None)
    login(client, ngo_user)
    response = client.post(
        f"/en/my/ngos/{rep.ngo.bin}/reports/{report.pk}/",
        {
            "income_state_order": "-5",
            "income_grants": "0",
            "income_donations": "0",
            "income_foreign": "0",
            "income_own": "0",
            "staff_count": "0",
            "volunteer_count": "0",
            "beneficiary_count": "0",
            "project_count": "0",
            "submit": "1",
        },
    )
    assert response.context["form"].errors["income_state_order"]
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.DRAFT
    assert report.income_state_order == 5_000_000


def test_documents_are_checked_before_they_are_stored(client, ngo_user, settings):
    rep = RepresentationFactory(user=ngo_user)
    login(client, ngo_user)
    url = f"/en/my/ngos/{rep.ngo.bin}/documents/"
    fake_pdf = SimpleUploadedFile("charter.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(url, {"kind": "charter", "file": fake_pdf}, follow=True)
    assert "Only PDF, JPEG and PNG files are accepted" in response.content.decode()
    settings.MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("charter.pdf", b"%PDF-1.7\n" + b"0" * 2048, "application/pdf")
    response = client.post(url, {"kind": "charter", "file": big}, follow=True)
    assert "the limit is 1.0" in response.content.decode()
    assert not Document.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(media.rglob("*.pdf"))
    good = SimpleUploadedFile("charter.pdf", b"%PDF-1.7\n%%EOF", "application/pdf")
    client.post(url, {"kind": "charter", "file": good})
    document = Document.objects.get()
    assert document.uploaded_by == ngo_user and document.size == 14


def test_an_unconfirmed_email_cannot_register_or_claim_until_confirmed(client, new_ngo_data):
    user = UserFactory(email_verified=False)
    login(client, user)
    response = client.post("/en/my/ngos/new/", new_ngo_data, follow=True)
    assert "Confirm your email address first." in response.content.decode()
    assert not NGO.objects.exists()
    assert client.get("/en/my/ngos/claim/").status_code == 302
    client.post("/en/accounts/verify/resend/")
    assert mail.outbox[0].to == [user.email]


def test_a_draft_of_someone_else_cannot_be_claimed(client, ngo_user):
    draft = NGOFactory(status=NGO.Status.DRAFT)
    login(client, ngo_user)
    response = client.post("/en/my/ngos/claim/", {"bin": draft.bin, "position": "x", "confirm": ""})
    assert f"No organisation with BIN {draft.bin} is in the public register." in (
        response.content.decode()
    )
    assert not Representation.objects.filter(user=ngo_user).exists()


def test_a_verified_ngo_keeps_its_kazakh_name(client, ngo_user, new_ngo_data):
    rep = RepresentationFactory(user=ngo_user)
    login(client, ngo_user)
    data = {**new_ngo_data, "name_kk": "", "name_ru": "Только по-русски"}
    response = client.post(f"/en/my/ngos/{rep.ngo.bin}/edit/", data)
    assert (
        "A verified organisation needs its name in Kazakh."
        in response.context["form"].errors["name_kk"]
    )
    rep.ngo.refresh_from_db()
    assert rep.ngo.name_kk


def test_a_submitted_report_is_never_written_over(ngo_user):
    from registry import services

    report = AnnualReportFactory(ngo=RepresentationFactory(user=ngo_user).ngo)
    figures = dict.fromkeys(AnnualReport.FIGURE_FIELDS, 1)
    with pytest.raises(services.RegistryError):
        services.save_annual_report(report, figures, ngo_user, submit=False)
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.SUBMITTED
    assert report.income_state_order == 5_000_000
