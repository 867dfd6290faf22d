"""The import report as officials read it: in the page's language, in dry-run words, with a file
of the refused rows to correct and upload again."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from registry import importer
from registry.bin import make_bin
from registry.import_report import message
from registry.models import NGO
from registry.tests.test_import import KK_XLSX, RU_CSV, register_csv, sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(official, django_capture_on_commit_callbacks):
    def run(name, content, dry_run=True, language="en"):
        with translation.override(language), django_capture_on_commit_callbacks(execute=True):
            job = importer.start_import(SimpleUploadedFile(name, content), official, dry_run)
        job.refresh_from_db()
        return job

    return run


def test_a_report_made_in_kazakh_reads_in_russian_on_the_russian_page(client, official, run):
    job = run(RU_CSV, sample(RU_CSV), language="kk")
    client.force_login(official)

    page = client.get(f"/ru/staff/imports/{job.pk}/").content.decode()

    with translation.override("ru"):
        russian = str(message("bin_duplicate", {"line": 6}))
    with translation.override("kk"):
        kazakh = str(message("bin_duplicate", {"line": 6}))
    assert russian != kazakh
    assert russian in page
    assert kazakh not in page


def test_the_dry_run_says_would_be_added(client, official, run):
    job = run(RU_CSV, sample(RU_CSV))
    client.force_login(official)

    page = client.get(f"/en/staff/imports/{job.pk}/").content.decode()

    assert "would be added" in page
    assert ">added<" not in page


def test_the_real_run_says_added(client, official, run):
    job = run(RU_CSV, sample(RU_CSV), dry_run=False)
    client.force_login(official)

    page = client.get(f"/en/staff/imports/{job.pk}/").content.decode()

    assert ">added<" in page and "would be added" not in page


@pytest.mark.parametrize("delimiter", [";", ","])
def test_refused_rows_download_as_the_file_uploaded_with_the_reasons(
    client, official, run, delimiter
):
    header = delimiter.join(["БИН", "Наименование", "ОПФ", "Регион", "Примечание"])
    good, bad_bin = make_bin(2020, 3, 7), make_bin(2020, 3, 8)[:-1] + "0"
    rows = [
        delimiter.join([good, "ОО «Хорошее»", "ОО", "Астана", "a"]),
        delimiter.join([bad_bin, "ОО «Плохое»", "ОО", "Астана", "b"]),
        delimiter.join([make_bin(2020, 3, 9), "ОО «Нет региона»", "ОО", "Марс", "c"]),
    ]
    job = run("register.csv", register_csv(*rows, header=header))
    assert job.refused_count == 2
    client.force_login(official)

    response = client.get(reverse("imports:refused", args=[job.pk]))

    assert response["Content-Disposition"] == 'attachment; filename="refused-register.csv"'
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert lines[0] == ["БИН", "Наименование", "ОПФ", "Регион", "Примечание", "Reason for refusal"]
    assert [line[:5] for line in lines[1:]] == [
        [bad_bin, "ОО «Плохое»", "ОО", "Астана", "b"],
        [make_bin(2020, 3, 9), "ОО «Нет региона»", "ОО", "Марс", "c"],
    ]
    assert lines[1][5].startswith("БИН: The check digit of this BIN is wrong")
    assert "Регион: Unknown region “Марс”." in lines[2][5]


def test_corrected_refused_rows_import_on_the_second_upload(client, official, run):
    header = "БИН;Наименование;ОПФ;Регион"
    job = run(
        "register.csv", register_csv(f"{make_bin(2020, 3, 9)};ОО «Марс»;ОО;Марс", header=header)
    )
    client.force_login(official)
    refused = client.get(reverse("imports:refused", args=[job.pk])).content.decode("utf-8-sig")

    corrected = refused.replace('Марс"', 'Астана"').encode("utf-8")
    again = run("corrected.csv", corrected, dry_run=False)

    assert (again.created_count, again.refused_count) == (1, 0)
    assert NGO.objects.get(bin=make_bin(2020, 3, 9)).region.kato == "710000000"


def test_refused_rows_of_a_workbook_download_as_a_workbook(client, official, run):
    job = run(KK_XLSX, sample(KK_XLSX))
    client.force_login(official)

    with translation.override("kk"):
        response = client.get(f"/kk/staff/imports/{job.pk}/refused/")

    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    original = list(
        openpyxl.load_workbook(io.BytesIO(sample(KK_XLSX))).active.iter_rows(values_only=True)
    )
    assert rows[0][:-1] == original[0] and rows[0][-1] == "Бас тарту себебі"
    assert len(rows) == 1 + job.refused_count
    assert all(row[-1] for row in rows[1:])


def test_others_cannot_download_refused_rows(client, official, run, ngo_user):
    job = run(RU_CSV, sample(RU_CSV))
    client.force_login(ngo_user)
    assert client.get(reverse("imports:refused", args=[job.pk])).status_code == 403
