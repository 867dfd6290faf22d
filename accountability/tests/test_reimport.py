"""An official re-imports their exported items: a dry run first, refusals by line, then apply."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.models import ImportJob

from .. import services
from ..models import Change, Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(item, body, other_body):
    parent = services.create_item(
        code="XII-0002", title="Parent", responsible_body=body, deadline=datetime.date(2030, 1, 1)
    )
    services.create_item(
        code="XII-0002.1",
        title="Part",
        responsible_body=body,
        deadline=datetime.date(2030, 1, 1),
        parent=parent,
    )
    services.create_item(
        code="MOH-1",
        title="Hospital",
        responsible_body=other_body,
        deadline=datetime.date(2030, 1, 1),
    )
    return item


def exported(client, fmt="csv") -> bytes:
    response = client.get(reverse(f"accountability_staff:export_{fmt}"))
    return b"".join(response.streaming_content)


def upload(client, content: bytes, name: str, on_commit):
    with on_commit(execute=True):
        response = client.post(
            reverse("accountability_staff:import"), {"file": SimpleUploadedFile(name, content)}
        )
    errors = re.findall(r'class="errorlist"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    assert response.status_code == 302, errors
    return ImportJob.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[1])


def page(client, job) -> str:
    return client.get(reverse("accountability_staff:import_job", args=[job.pk])).content.decode()


def test_the_exported_csv_comes_back_with_a_dry_run_first(
    client, items, body_official, other_official, django_capture_on_commit_callbacks
):
    client.force_login(body_official)
    lines = exported(client).decode("utf-8-sig").splitlines()
    filled = {
        # A valid update; a progress over 100; a parent's progress (computed from its parts).
        "XII-0001": '"XII-0001","Ramps","mlsp","2030-12-31","in_progress","35","Works begun.",'
        '"https://gov.kz/works"',
        "XII-0002.1": '"XII-0002.1","Part","mlsp","2030-01-01","in_progress","140","",""',
        "XII-0002": '"XII-0002","Parent","mlsp","2030-01-01","planned","50","",""',
    }
    rows = [lines[0]] + [filled[line.split(",")[0].strip('"')] for line in lines[1:]]
    assert len(rows) == 4  # the export holds only the official's own items
    # Another body's item, added by hand.
    rows.append('"MOH-1","Hospital","moh","2030-01-01","implemented","100","",""')
    filled = rows
    content = "\n".join(filled).encode("utf-8-sig")

    job = upload(client, content, "items.csv", django_capture_on_commit_callbacks)
    assert job.dry_run and job.status == ImportJob.Status.DONE
    assert (job.updated_count, job.refused_count) == (1, 3)
    item = Item.objects.get(code="XII-0001")
    assert item.progress == 0 and item.changes.count() == 1  # nothing saved by the dry run
    report = page(client, job)
    assert "The item MOH-1 is of another state body" in report
    assert "from 0 to 100; “140” is not." in report
    assert "The progress of XII-0002 is computed from its parts" in report

    refused = client.get(reverse("accountability_staff:import_refused", args=[job.pk]))
    lines = b"".join(refused.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 4 and lines[0].endswith('"Reason for refusal"')
    assert any(line.startswith('"MOH-1"') and "another state body" in line for line in lines)
    client.force_login(other_official)
    assert (
        client.get(reverse("accountability_staff:import_refused", args=[job.pk])).status_code == 404
    )
    client.force_login(body_official)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accountability_staff:import_apply", args=[job.pk]))
    real = ImportJob.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[1])
    assert not real.dry_run and real.updated_count == 1 and real.refused_count == 3
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 35)
    change = item.changes.get(kind=Change.Kind.STATUS)
    assert change.by == body_official and change.note == "Works begun."
    assert change.evidence_url == "https://gov.kz/works"
    assert Item.objects.get(code="MOH-1").status == "planned"
    assert Item.objects.get(code="XII-0002.1").progress == 0


def test_the_exported_xlsx_comes_back(
    client, items, body_official, django_capture_on_commit_callbacks
):
    client.force_login(body_official)
    workbook = openpyxl.load_workbook(io.BytesIO(exported(client, "xlsx")))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "XII-0001":
            row[4].value, row[5].value, row[6].value = "Отклонено", None, ""
    saved = io.BytesIO()
    workbook.save(saved)
    job = upload(client, saved.getvalue(), "items.xlsx", django_capture_on_commit_callbacks)
    assert job.refused_count == 1
    assert "Say why the item is not implemented or rejected" in page(client, job)


def test_a_row_in_russian_titles_and_status_names_is_read(
    client, items, body_official, django_capture_on_commit_callbacks
):
    client.force_login(body_official)
    content = (
        "Код;Статус;Выполнение, %;Примечание\n"
        "XII-0001;Выполнено частично;60 %;Половина\n"
        "XII-0001;Выполнено;100;дубль\n"
        "NOPE;Выполнено;100;\n"
    ).encode("cp1251")
    job = upload(client, content, "пункты.csv", django_capture_on_commit_callbacks)
    assert (job.updated_count, job.refused_count) == (1, 2)
    report = page(client, job)
    assert "The code XII-0001 is already in row 1" in report
    assert "No item has the code NOPE" in report


def test_only_officials_reach_the_reimport_and_only_their_jobs(
    client,
    items,
    body_official,
    other_official,
    representation,
    django_capture_on_commit_callbacks,
):
    client.force_login(body_official)
    job = upload(
        client, b"Code;Progress, %\nXII-0001;20\n", "a.csv", django_capture_on_commit_callbacks
    )
    client.force_login(other_official)
    assert client.get(reverse("accountability_staff:import_job", args=[job.pk])).status_code == 404
    apply = reverse("accountability_staff:import_apply", args=[job.pk])
    assert client.post(apply).status_code == 404
    client.force_login(representation.user)
    assert client.get(reverse("accountability_staff:import")).status_code == 403
    assert client.post(apply).status_code == 403
    assert Item.objects.get(code="XII-0001").progress == 0


def test_the_other_body_official_cannot_update_by_file(
    client, items, other_official, django_capture_on_commit_callbacks
):
    client.force_login(other_official)
    job = upload(
        client, b"Code;Progress, %\nXII-0001;20\n", "a.csv", django_capture_on_commit_callbacks
    )
    assert job.refused_count == 1 and job.updated_count == 0


def test_a_file_without_a_code_column_is_refused(client, items, body_official):
    client.force_login(body_official)
    response = client.post(
        reverse("accountability_staff:import"),
        {"file": SimpleUploadedFile("a.csv", b"Progress, %\n20\n")},
    )
    assert response.status_code == 400
    assert "The file has no column" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_export_header_is_read_back_in_every_language(lang):
    from django.utils import translation

    from registry.import_files import fold

    from ..staff import exports
    from ..staff.imports import HEADERS

    known = {fold(title): key for key, titles in HEADERS.items() for title in titles}
    with translation.override(lang):
        titles = exports.header()
    assert [known.get(fold(title)) for title in titles] == [
        "code",
        "title",
        "body",
        "deadline",
        "status",
        "progress",
        "note",
        "evidence_url",
    ]
