"""Register files built to exhaust the server are refused before they are read; reports stay small.

The attack files are built as an attacker would (a workbook's zip compresses a 100 MB cell or a
million rows to a few hundred kilobytes) and memory is measured with tracemalloc while the upload
is checked.
"""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import translation

from registry import importer
from registry.bin import make_bin
from registry.models import ImportJob
from registry.tasks import import_register
from registry.tests.factories import NGOFactory, OfficialFactory
from registry.tests.test_import import HEADER, register_csv

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
# A real PostgreSQL "program limit exceeded" (54000): a tsvector longer than 1 MB.
TOO_LONG = (
    "SELECT to_tsvector('simple', string_agg(md5(i::text), ' ')) FROM generate_series(1, 100000) i"
)

SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PKG = "http://schemas.openxmlformats.org/package/2006"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8"?>'
CONTENT_TYPES = (
    f'{XML}<Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SML}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SML}.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'{XML}<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'{XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'{XML}<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def workbook(sheet_parts, strings_parts) -> bytes:
    """A minimal XLSX whose sheet and shared strings are streamed into the zip in pieces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, parts in (
            ("xl/worksheets/sheet1.xml", sheet_parts),
            ("xl/sharedStrings.xml", strings_parts),
        ):
            with archive.open(name, "w", force_zip64=True) as member:
                for part in parts:
                    member.write(part.encode())
    return buffer.getvalue()


def strings(*texts):
    yield f'<?xml version="1.0" encoding="UTF-8"?><sst {MAIN} count="{len(texts)}">'
    for text in texts:
        yield "<si><t>"
        yield from text
        yield "</t></si>"
    yield "</sst>"


def sheet(rows: int, dimension: str | None):
    """A header (shared strings 0 and 1) and `rows` rows that all repeat shared string 2."""
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet {MAIN}>'
    if dimension:
        yield f'<dimension ref="{dimension}"/>'
    yield '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    batch = []
    for _ in range(rows):
        batch.append('<row><c t="s"><v>2</v></c></row>')  # numbered by position
        if len(batch) == 10_000:
            yield "".join(batch)
            batch = []
    yield "".join(batch) + "</sheetData></worksheet>"


def hundred_mb():
    chunk = "x" * MB
    for _ in range(100):
        yield chunk


def upload(client, name, content):
    with translation.override("en"):
        return client.post(
            reverse("imports:upload"),
            {"file": SimpleUploadedFile(name, content), "dry_run": "on"},
        )


def peak_while(action) -> int:
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def logged_in(client, official):
    client.force_login(official)
    return client


def test_a_workbook_with_a_100_mb_cell_is_refused_unread(logged_in, settings):
    content = workbook(sheet(1, "A1:B2"), strings("БИН", "Наименование", hundred_mb()))
    assert len(content) < 500_000  # what the attacker uploads

    response, peak = peak_while(lambda: upload(logged_in, "cell.xlsx", content))

    errors = str(response.context["form"].errors["file"])
    errors = errors.replace("\xa0", " ")
    assert "Unpacked, the workbook is 100.0 MB; the largest allowed is 50.0 MB" in errors
    assert peak < 20 * MB
    assert not ImportJob.objects.exists()


def test_a_workbook_declaring_a_million_rows_is_refused_unread(logged_in):
    content = workbook(sheet(1_000_000, "A1:B1000001"), strings("БИН", "Наименование", "1"))
    assert len(content) < 200_000

    response, peak = peak_while(lambda: upload(logged_in, "rows.xlsx", content))

    assert "more than 50000 rows" in str(response.context["form"].errors["file"])
    assert peak < 20 * MB
    assert not ImportJob.objects.exists()


def test_rows_beyond_the_limit_stop_the_import_even_when_the_sheet_declares_none(
    official, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_ROWS = 1000
    content = workbook(sheet(5000, None), strings("БИН", "Наименование", "1"))

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        job = importer.start_import(SimpleUploadedFile("rows.xlsx", content), official, True)
    job.refresh_from_db()

    assert job.status == ImportJob.Status.FAILED
    with translation.override("en"):
        assert "more than 1000 rows" in job.error
    assert not job.issues.exists()


def test_a_csv_with_500000_columns_is_refused_unread(logged_in):
    content = ("БИН" + ";x" * 500_000 + "\r\n").encode()
    assert len(content) < 1.1 * MB

    response, peak = peak_while(lambda: upload(logged_in, "columns.csv", content))

    assert "at most 100 are allowed" in str(response.context["form"].errors["file"])
    assert peak < 30 * MB
    assert not ImportJob.objects.exists()


def test_a_cell_longer_than_the_limit_stops_the_import_naming_the_limit(
    official, django_capture_on_commit_callbacks
):
    rows = [f"{make_bin(2020, 3, 7)};ОО;ОО;г. Астана;;", f"{make_bin(2020, 3, 8)};{'Я' * 3000};;;;"]

    with django_capture_on_commit_callbacks(execute=True):
        job = importer.start_import(
            SimpleUploadedFile("long.csv", register_csv(*rows)), official, True
        )
    job.refresh_from_db()

    assert job.status == ImportJob.Status.FAILED
    with translation.override("en"):
        assert job.error == ("Row 2, column 2 has 3000 characters; a cell may have at most 2000.")
    assert not job.issues.exists()


def test_the_report_lists_the_first_faults_of_each_kind_and_counts_the_rest(
    client, official, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_REPORT_FAULTS_PER_KIND = 5
    rows = [f"{make_bin(2020, 3, n)};ОО «{n}»;ОО;Марс;;" for n in range(1, 41)]
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        job = importer.start_import(
            SimpleUploadedFile("mars.csv", register_csv(*rows)), official, True
        )
    job.refresh_from_db()

    assert job.fault_counts["region_unknown"] == 40
    assert job.issues.filter(code="region_unknown").count() == 5
    client.force_login(official)
    page = client.get(f"/en/staff/imports/{job.pk}/").content.decode()
    assert "the first 5 faults of each kind; 35 more faults were counted" in page


def test_the_report_is_read_from_the_database_a_page_at_a_time(
    client, official, settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.IMPORT_REPORT_FAULTS_PER_KIND = 1000
    rows = [f"{n:05d};ОО «{n}»;ОО;Астана;;" for n in range(1, 251)]  # one fault each
    with django_capture_on_commit_callbacks(execute=True):
        job = importer.start_import(
            SimpleUploadedFile("mars.csv", register_csv(*rows)), official, True
        )
    client.force_login(official)
    with django_assert_max_num_queries(30) as captured:
        page = client.get(f"/en/staff/imports/{job.pk}/?page=2")
    assert [issue.line for issue in page.context["report"]] == list(range(201, 251))
    issue_queries = [
        q["sql"] for q in captured.captured_queries if "registry_importissue" in q["sql"]
    ]
    assert any("LIMIT 50 OFFSET 200" in sql for sql in issue_queries)
    assert all("LIMIT" in sql or "COUNT(" in sql for sql in issue_queries)


def test_a_file_that_fails_the_same_way_again_is_not_retried(
    official, monkeypatch, django_capture_on_commit_callbacks
):
    """A database limit (here a real PostgreSQL 'program limit exceeded') is final, not retried."""

    def too_large(self):
        with connection.cursor() as cursor:
            cursor.execute(TOO_LONG)

    monkeypatch.setattr(importer.NGORegisterImport, "write", too_large)
    with django_capture_on_commit_callbacks(execute=False):
        job = importer.start_import(
            SimpleUploadedFile("ok.csv", register_csv(f"{make_bin(2020, 3, 7)};ОО;ОО;Астана;;")),
            official,
            False,
        )

    result = import_register.apply(args=[job.pk, "en"])

    job.refresh_from_db()
    assert result.successful()
    assert job.status == ImportJob.Status.FAILED
    with translation.override("en"):  # the message is read in the reader's language
        assert "The database refused the import (54000)" in job.error


def test_only_passing_database_errors_count_as_transient():
    def error_of(sql):
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
        except OperationalError as exc:
            return exc
        raise AssertionError("no error")

    from django.db import transaction

    with transaction.atomic():
        deadlock = error_of(
            "DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = 'deadlock_detected'; END $$"
        )
        transaction.set_rollback(True)
    with transaction.atomic():
        limit = error_of(TOO_LONG)
        transaction.set_rollback(True)
    assert importer.is_transient(deadlock)
    assert not importer.is_transient(limit)


def test_a_local_officials_dry_run_says_nothing_of_an_ngo_outside_their_scope(
    official, django_capture_on_commit_callbacks
):
    from registry.models import NGO, StateBody
    from registry.tests.factories import region

    hidden = NGOFactory(status=NGO.Status.DRAFT, region=region("390000000"))
    local = OfficialFactory(body=StateBody.objects.get(code="akimat-750000000"))
    content = register_csv(f"{hidden.bin};ОО «Чужое»;ОО;г. Алматы;;", header=HEADER)

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        job = importer.start_import(SimpleUploadedFile("scope.csv", content), local, True)

    [issue] = job.issues.all()
    with translation.override("en"):
        from registry.import_report import message

        text = message(issue.code, issue.params)
    assert text == "This NGO is outside your scope."
    assert issue.params == {}
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            assert str(region("390000000")) not in text
