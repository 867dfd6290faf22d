"""The bulk import of NGO registers: the sample files, the import policy and the staff screens."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from registry import importer
from registry.bin import make_bin
from registry.imports.report import describe
from registry.models import NGO, ImportJob, StateBody
from registry.tasks import import_register
from registry.tests.factories import NGOFactory, OfficialFactory, UserFactory, region

# The staff screens mounted as config/urls.py is to mount them.
pytestmark = pytest.mark.django_db

SAMPLES = Path("/work/shared/samples")
RU_CSV = "ngo-register-ru-excel-cp1251.csv"
KK_XLSX = "ngo-register-kk.xlsx"

# ngo-register-faults.txt: data line -> (column key, level, words of the message)
FAULTS = {
    4: ("bin", "error", "check digit"),
    8: ("bin", "warning", "normalised to 180340338765"),
    12: ("bin", "error", "already in row 6"),
    16: ("name", "error", "name is empty"),
    20: ("region", "warning", "Turkistan Region"),
    24: ("registered_on", "error", "not a real calendar date"),
    28: ("region", "error", "Unknown region"),
    32: ("bin", "error", "12 digits"),
    36: ("bin", "warning", "leading zero"),
}
REFUSED_LINES = {line for line, (_key, level, _words) in FAULTS.items() if level == "error"}
COLUMNS = {
    RU_CSV: {
        "bin": "БИН",
        "name": "Наименование",
        "region": "Регион",
        "registered_on": "Дата регистрации",
    },
    KK_XLSX: {"bin": "БСН", "name": "Атауы", "region": "Өңір", "registered_on": "Тіркелген күні"},
}
HEADER = "БИН;Наименование;Организационно-правовая форма;Регион;Телефон;Email"


@pytest.fixture
def run(official, django_capture_on_commit_callbacks):
    """Upload a file as a service call; the eager Celery task runs when the job is committed."""

    def run(name, content, dry_run=False, user=None):
        with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
            job = importer.start_import(
                SimpleUploadedFile(name, content), user or official, dry_run
            )
        job.refresh_from_db()
        return job

    return run


def sample(name):
    return (SAMPLES / name).read_bytes()


def register_csv(*rows, header=HEADER):
    return "\r\n".join([header, *rows]).encode("cp1251")


def report(job):
    """The report as the English page shows it."""
    with translation.override("en"):
        return [
            {
                "line": issue.line,
                "column": issue.column_title,
                "level": issue.level,
                "message": issue.message,
                "action": issue.action,
            }
            for issue in describe(job.issues.all())
        ]


def entries(job, line):
    return [entry for entry in report(job) if entry["line"] == line]


@pytest.mark.parametrize("name", [RU_CSV, KK_XLSX])
def test_every_fault_of_a_sample_is_reported_at_its_line_and_column(run, name):
    job = run(name, sample(name))

    assert job.status == ImportJob.Status.DONE, job.error
    for line, (key, level, words) in FAULTS.items():
        [entry] = entries(job, line)
        assert (entry["column"], entry["level"]) == (COLUMNS[name][key], level), entry
        assert words in entry["message"]
        assert entry["action"] == ("refuse" if level == "error" else "create")
    assert {entry["line"] for entry in report(job)} == set(FAULTS)


@pytest.mark.parametrize(("name", "name_field"), [(RU_CSV, "name_ru"), (KK_XLSX, "name_kk")])
def test_valid_rows_of_a_sample_are_created_and_faults_handled(run, name, name_field):
    job = run(name, sample(name))

    assert (job.total_rows, job.created_count, job.refused_count) == (60, 54, 6)
    assert NGO.objects.count() == 54
    assert not NGO.objects.filter(bin__in=["170640113509", "12345"]).exists()
    assert NGO.objects.get(bin="180340338765").status == NGO.Status.VERIFIED
    assert NGO.objects.get(bin="040240341496").registered_on.isoformat() == "2004-02-15"
    assert NGO.objects.get(bin="080440075258").region == region("610000000")
    first_of_duplicate = NGO.objects.get(bin="110240731063")
    assert "Ресурсный центр НПО" in getattr(first_of_duplicate, name_field)
    areas = NGO.objects.get(bin="240440492218").activity_areas.values_list("code", flat=True)
    assert set(areas) == {"culture", "children", "disability"}


def test_the_cp1251_file_matches_regions_written_without_kazakh_letters(run):
    run(RU_CSV, sample(RU_CSV))

    jetisu = NGO.objects.get(bin="100340005983")
    assert (jetisu.region.kato, jetisu.name_kk, jetisu.legal_form.code) == (
        "330000000",
        None,
        "private_institution",
    )
    assert NGO.objects.get(bin="231140419257").region.kato == "620000000"


def test_running_the_same_file_again_creates_no_duplicates(run):
    run(RU_CSV, sample(RU_CSV))
    again = run(RU_CSV, sample(RU_CSV))

    assert (again.created_count, again.updated_count, again.refused_count) == (0, 0, 6)
    assert NGO.objects.count() == 54


def test_a_cp1251_file_does_not_overwrite_kazakh_letters_already_in_the_register(run):
    run(KK_XLSX, sample(KK_XLSX))
    again = run(RU_CSV, sample(RU_CSV))

    assert again.created_count == 0
    assert NGO.objects.get(bin="021240737531").head_name == "Нұрланұлы Е."


def test_a_dry_run_reports_but_writes_nothing(run):
    job = run(RU_CSV, sample(RU_CSV), dry_run=True)

    assert (job.status, job.created_count, job.refused_count) == (ImportJob.Status.DONE, 54, 6)
    assert len(report(job)) == len(FAULTS)
    assert not NGO.objects.exists()
    assert not NGO.history.exists()


def test_an_import_updates_a_known_bin_and_keeps_what_the_file_lacks(run, official):
    ngo = NGOFactory(
        status=NGO.Status.ACTIVE,
        description="Our story",
        phone="+7 700 000 00 00",
        email="old@mail.kz",
    )
    row = f"{ngo.bin};ОО «Новое имя»;ОО;г. Астана;+7 701 111 22 33;"

    job = run("update.csv", register_csv(row))

    ngo.refresh_from_db()
    assert (job.created_count, job.updated_count) == (0, 1)
    assert (ngo.name_ru, ngo.phone, ngo.region.kato) == (
        "ОО «Новое имя»",
        "+7 701 111 22 33",
        "710000000",
    )
    assert (ngo.status, ngo.description, ngo.email) == (
        NGO.Status.ACTIVE,
        "Our story",
        "old@mail.kz",
    )
    latest = ngo.history.first()
    assert (latest.history_type, latest.history_user) == ("~", official)
    assert latest.history_change_reason == f"register import #{job.pk}"


def test_a_utf8_bom_comma_separated_english_register_is_read(run):
    bins = [make_bin(2019, 5, 1), make_bin(2019, 5, 2)]
    content = "\ufeff" + "\r\n".join(
        [
            "BIN,Name,Legal form,Region,Registration date,Activity areas,Notes",
            f'{bins[0]},Green Steppe,PF,Almaty,2019-05-02,"Youth, Environment",x',
            f'{bins[1]},Clean Water,Public association,Almaty Region,02.05.2019,"Water; Children",',
        ]
    )

    job = run("register.csv", content.encode("utf-8"))

    green, clean = NGO.objects.get(bin=bins[0]), NGO.objects.get(bin=bins[1])
    assert (green.name_en, green.legal_form.code, green.region.kato) == (
        "Green Steppe",
        "public_foundation",
        "750000000",
    )
    assert set(green.activity_areas.values_list("code", flat=True)) == {"youth", "environment"}
    assert clean.region.kato == "190000000"
    assert [(e["line"], e["column"], e["level"]) for e in report(job)] == [
        (0, "Notes", "warning"),
        (2, "Activity areas", "warning"),
    ]


def test_a_row_for_a_new_ngo_needs_legal_form_and_region(run):
    job = run("new.csv", register_csv(f"{make_bin(2020, 3, 7)};ОО «Без формы»;;;;"))

    assert job.refused_count == 1
    assert {(e["column"], e["level"]) for e in entries(job, 1)} == {
        ("Организационно-правовая форма", "error"),
        ("Регион", "error"),
    }


def test_a_local_official_imports_only_ngos_of_their_region(run):
    akimat = StateBody.objects.get(code="akimat-750000000")
    local = OfficialFactory(body=akimat)
    rows = [
        f"{make_bin(2020, 3, 11)};ОО «Алматы»;ОО;г. Алматы;;",
        f"{make_bin(2020, 3, 12)};ОО «Астана»;ОО;г. Астана;;",
    ]

    job = run("local.csv", register_csv(*rows), user=local)

    assert (job.created_count, job.refused_count) == (1, 1)
    [refusal] = entries(job, 2)
    assert (refusal["column"], refusal["level"]) == ("Регион", "error")


def test_the_task_does_nothing_for_a_finished_job(run):
    job = run(RU_CSV, sample(RU_CSV))
    NGO.objects.all().delete()

    import_register(job.pk)

    assert not NGO.objects.exists()


def test_a_large_register_is_imported_with_a_bounded_number_of_queries(
    run, django_assert_max_num_queries
):
    header = "БИН;Наименование;ОПФ;Регион;Направления деятельности"
    rows = [
        f"{make_bin(2010 + n % 10, 1 + n % 12, 7 * n)};ОФ «Фонд {n}»;ОФ;Карагандинская "
        f"область;дети, экология"
        for n in range(2000)
    ]
    content = register_csv(*rows, header=header)

    with django_assert_max_num_queries(40):
        job = run("large.csv", content)

    assert (job.created_count, job.refused_count) == (2000, 0)
    assert NGO.objects.count() == 2000
    assert NGO.activity_areas.through.objects.count() == 4000


# Uploads and the staff screens ------------------------------------------------------------------


def upload_url():
    return reverse("imports:upload")


def post_file(client, name, content, dry_run=True):
    data = {"file": SimpleUploadedFile(name, content)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(upload_url(), data)


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("register.pdf", b"%PDF-1.4", "a .csv or .xlsx file"),
        ("register.xlsx", b"BIN;Name\r\n", "not a readable Excel workbook"),
        ("register.csv", b"Name;Region\r\nX;Y\r\n", "BIN column"),
        ("register.csv", b"BIN;Name\x00\x01", "not a CSV text file"),
    ],
)
def test_a_wrong_upload_is_refused_before_anything_is_stored(
    client, official, settings, name, content, words
):
    client.force_login(official)

    with translation.override("en"):
        response = post_file(client, name, content)

    assert response.status_code == 200
    assert words in str(response.context["form"].errors["file"])
    assert not ImportJob.objects.exists()
    assert stored_files(settings) == []


def test_an_oversized_upload_is_refused_before_anything_is_stored(client, official, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    client.force_login(official)

    with translation.override("en"):
        response = post_file(client, RU_CSV, sample(RU_CSV))

    assert "the largest allowed is" in str(response.context["form"].errors["file"])
    assert not ImportJob.objects.exists()
    assert stored_files(settings) == []


def test_anonymous_users_are_sent_to_log_in(client):
    job = ImportJob.objects.create(file="imports/x.csv", original_name="x.csv")

    for url in (upload_url(), reverse("imports:job", args=[job.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("user_kind", ["ngo_user", "staff_without_role"])
def test_users_without_the_role_are_refused(client, ngo_user, user_kind):
    user = ngo_user if user_kind == "ngo_user" else UserFactory(is_staff=True)
    job = ImportJob.objects.create(file="imports/x.csv", original_name="x.csv")
    client.force_login(user)

    assert client.get(upload_url()).status_code == 403
    assert client.get(reverse("imports:job", args=[job.pk])).status_code == 403
    assert client.post(reverse("imports:run", args=[job.pk])).status_code == 403
    assert post_file(client, RU_CSV, sample(RU_CSV)).status_code == 403
    assert not NGO.objects.exists()


def test_an_official_checks_a_file_then_imports_it_for_real(
    client, official, django_capture_on_commit_callbacks
):
    client.force_login(official)
    assert client.get(upload_url()).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(client, RU_CSV, sample(RU_CSV), dry_run=True)
    dry_run = ImportJob.objects.get()
    assert response["Location"] == reverse("imports:job", args=[dry_run.pk])

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert not page.context["running"]
    assert [entry.line for entry in page.context["report"]] == sorted(FAULTS)
    assert b"<progress" not in page.content
    assert reverse("imports:run", args=[dry_run.pk]).encode() in page.content
    assert not NGO.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:run", args=[dry_run.pk]))
    real = ImportJob.objects.exclude(pk=dry_run.pk).get()
    assert response["Location"] == reverse("imports:job", args=[real.pk])
    assert (real.dry_run, real.status, real.file.name) == (False, "done", dry_run.file.name)
    assert NGO.objects.count() == 54


def test_a_running_job_page_shows_progress_and_refreshes_itself(client, official):
    job = ImportJob.objects.create(
        file="imports/x.csv",
        original_name="x.csv",
        status=ImportJob.Status.RUNNING,
        total_rows=2000,
        processed_rows=500,
        created_by=official,
    )
    client.force_login(official)

    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()

    assert '<progress id="progress" max="2000" value="500">' in page
    assert '<meta http-equiv="refresh" content="2">' in page


def test_local_officials_see_only_their_own_imports_and_a_dry_run_runs_for_real_once(
    client, django_capture_on_commit_callbacks
):
    local = OfficialFactory(body=StateBody.objects.get(code="akimat-390000000"))
    other = OfficialFactory(body=StateBody.objects.get(code="akimat-310000000"))
    client.force_login(local)
    with django_capture_on_commit_callbacks(execute=True):
        post_file(client, RU_CSV, sample(RU_CSV), dry_run=True)
    dry_run = ImportJob.objects.get()
    client.force_login(other)
    assert client.get(reverse("imports:job", args=[dry_run.pk])).status_code == 404
    assert client.post(reverse("imports:run", args=[dry_run.pk])).status_code == 404
    client.force_login(local)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("imports:run", args=[dry_run.pk]))
        second = client.post(reverse("imports:run", args=[dry_run.pk]))
    assert first["Location"] == second["Location"]
    assert ImportJob.objects.filter(dry_run=False).count() == 1


def test_import_reports_are_not_open_in_the_admin_to_other_officials(client):
    owner = OfficialFactory(body=StateBody.objects.get(code="akimat-390000000"))
    job = ImportJob.objects.create(original_name="r.csv", file="imports/r.csv", created_by=owner)
    url = f"/ru/admin/registry/importjob/{job.pk}/change/"
    client.force_login(OfficialFactory(body=StateBody.objects.get(code="akimat-310000000")))
    assert client.get(url).status_code in (302, 404)
    client.force_login(OfficialFactory(role="council_secretary"))
    assert client.get(url).status_code == 403
    client.force_login(owner)
    assert client.get(url).status_code == 200


def test_a_bin_of_another_month_than_the_registration_date_is_refused(run):
    number = make_bin(2019, 5, 3)
    content = "\r\n".join(
        ["BIN,Name,Legal form,Region,Registration date", f"{number},Dala,PF,Almaty,2018-11-02"]
    )
    job = run("register.csv", content.encode("utf-8"))
    assert job.refused_count == 1 and not NGO.objects.filter(bin=number).exists()
    assert "The BIN says the organisation was registered in 05.2019" in str(report(job))
