"""The open-data files: built atomically with their manifest, checksums and CSVW metadata, fixed
column codes, the register with liquidated NGOs and former names, row counts as the API's."""

import csv
import datetime
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from portal import opendata, tasks
from registry.bin import make_bin
from registry.models import NGO
from registry.tests.factories import AnnualReportFactory, NGOFactory
from tenders.tests.factories import organiser, published_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    return settings.OPEN_DATA_ROOT


@pytest.fixture
def register():
    active = NGOFactory(areas=["youth", "children"], bin=make_bin(2000, 1, 777))  # leading zeros
    liquidated = NGOFactory(
        status=NGO.Status.LIQUIDATED,
        status_reason="Court decision No. 12",
        status_changed_at=datetime.datetime(2024, 5, 6, 9, tzinfo=datetime.UTC),
    )
    renamed = NGOFactory(name_ru="Старое имя", name_kk="Ескі атау", name_en="Old name")
    renamed.name_ru, renamed.name_kk, renamed.name_en = "Новое имя", "Жаңа атау", "New name"
    renamed.save()
    NGOFactory(status=NGO.Status.DRAFT)  # never published
    AnnualReportFactory(ngo=active, year=2024)
    AnnualReportFactory(ngo=active, year=2024, version=2)
    published_round(organiser(), 2024, [(active, 2_000_000), ("Historical winner", 500_000)])
    return {"active": active, "liquidated": liquidated, "renamed": renamed}


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_the_build_writes_every_file_with_its_manifest(root, register):
    document = opendata.build()
    names = {item["name"] for item in document["files"]}
    assert {"ngos.csv", "ngos.json", "ngos.xlsx", "ngos.zip", "ngos.csv-metadata.json"} <= names
    assert {"annual-figures.csv", "awards.csv", "ngo-former-names.csv", "360giving.json"} <= names
    assert "ocds-2024-kk.json" in names  # the OCDS dataset (Kazakh, with language variants)
    assert json.loads((root / "ocds-2024-kk.json").read_text())["releases"]
    assert json.loads((root / "manifest.json").read_text()) == document
    for item in document["files"]:
        latest, dated = root / item["latest"], root / item["dated"]
        assert latest.read_bytes() == dated.read_bytes()
        assert item["bytes"] == latest.stat().st_size
        assert item["sha256"] == hashlib.sha256(latest.read_bytes()).hexdigest()
        assert item["generated_at"] == document["generated_at"]
    assert not [p for p in root.rglob("*") if p.name.startswith(".")]  # no temporary file left
    by_name = {item["name"]: item for item in document["files"]}
    assert by_name["ngos.csv"]["rows"] == 3 == by_name["ngos.json"]["rows"]
    assert by_name["annual-figures.csv"]["rows"] == 2


def test_the_register_holds_liquidated_ngos_and_former_names(root, register):
    opendata.build()
    ngos = {row["bin"]: row for row in rows(root / "ngos.csv")}
    assert register["active"].bin.startswith("00") and register["active"].bin in ngos
    assert set(ngos) == {ngo.bin for key, ngo in register.items()}
    gone = ngos[register["liquidated"].bin]
    assert (gone["status"], gone["liquidated_on"]) == ("liquidated", "2024-05-06")
    assert gone["liquidation_reason"] == "Court decision No. 12"
    assert ngos[register["active"].bin]["liquidated_on"] == ""
    assert ngos[register["active"].bin]["activity_areas"] == "children;youth"
    renamed = ngos[register["renamed"].bin]
    assert renamed["name_ru"] == "Новое имя"
    assert renamed["former_names"] == "Ескі атау / Старое имя / Old name"
    [former] = rows(root / "ngo-former-names.csv")
    assert (former["bin"], former["name_ru"]) == (register["renamed"].bin, "Старое имя")
    figures = rows(root / "annual-figures.csv")
    assert [(r["year"], r["version"]) for r in figures] == [("2024", "1"), ("2024", "2")]
    assert figures[0]["income_state_order"] == "5000000"


def test_column_codes_are_the_same_in_every_language(root, register):
    headers = set()
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            opendata.build()
        headers.add((root / "ngos.csv").read_text(encoding="utf-8-sig").splitlines()[0])
    assert len(headers) == 1
    assert headers.pop().startswith('"bin","name_kk","name_ru","name_en","legal_form"')


def test_each_csv_has_csvw_metadata_and_an_archive_with_the_field_dictionary(root, register):
    opendata.build()
    metadata = json.loads((root / "awards.csv-metadata.json").read_text())
    assert metadata["url"] == "awards.csv"
    assert metadata["dc:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    columns = {c["name"]: c for c in metadata["tableSchema"]["columns"]}
    assert columns["recipient_bin"]["datatype"] == {"base": "string", "format": r"^\d{12}$"}
    assert columns["amount_kzt"]["datatype"] == {"base": "integer", "minimum": 0}
    assert columns["decided_on"]["datatype"]["base"] == "date"
    header = (root / "awards.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert [c["name"] for c in metadata["tableSchema"]["columns"]] == json.loads("[" + header + "]")
    with zipfile.ZipFile(root / "ngos.zip") as archive:
        assert set(archive.namelist()) == {
            "ngos.csv",
            "ngos.csv-metadata.json",
            "fields.csv",
            "README.txt",
        }
        dictionary = list(csv.DictReader(io.TextIOWrapper(archive.open("fields.csv"), "utf-8")))
    field = next(row for row in dictionary if row["code"] == "bin")
    assert (field["type"], field["title_ru"], field["title_kk"]) == ("bin", "БИН", "БСН")


def test_row_counts_match_the_api(root, register, client):
    opendata.build()
    files = {item["name"]: item for item in opendata.manifest()["files"]}
    assert client.get("/api/v1/ngos/").json()["count"] == files["ngos.csv"]["rows"] == 3
    awards = client.get("/api/v1/awards/").json()["count"]
    assert awards == files["awards.csv"]["rows"] == len(rows(root / "awards.csv")) == 2


def test_grants_and_awards_in_the_360giving_shape(root, register):
    from tenders.models import Competition

    Competition.objects.update(mechanism=Competition.Mechanism.GRANT)
    opendata.build()
    grants = json.loads((root / "360giving.json").read_text())["grants"]
    recipients = {grant["recipientOrganization"][0]["id"] for grant in grants}
    assert f"KZ-BIN-{register['active'].bin}" in recipients
    grant = next(g for g in grants if g["recipientOrganization"][0]["id"].startswith("KZ-BIN"))
    assert (grant["currency"], grant["amountAwarded"]) == ("KZT", 2_000_000)
    assert grant["fundingOrganization"][0]["id"] == "KZ-GOV-mci"


def test_the_page_lists_the_files_and_serves_them_as_written(root, register, client):
    assert client.get("/en/open-data/").status_code == 200  # before any build
    opendata.build()
    page = client.get("/kk/open-data/").content.decode()
    assert "CC BY 4.0" in page and "ngos.csv" in page
    for item in opendata.manifest()["files"]:
        assert item["sha256"] in page
    response = client.get("/en/open-data/files/ngos.csv")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (root / "ngos.csv").read_bytes()
    assert client.get("/en/open-data/files/archive/").status_code == 404
    assert client.get("/en/open-data/files/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_the_command_and_the_nightly_task_build_the_files(root, register):
    call_command("build_open_data", stdout=io.StringIO())
    first = opendata.manifest()["generated_at"]
    assert tasks.build_open_data.delay().get() == len(opendata.manifest()["files"])
    assert opendata.manifest()["generated_at"] >= first


def test_old_dated_copies_are_pruned(root, register, settings):
    settings.PORTAL_OPEN_DATA_KEEP_DAYS = 2
    now = timezone.now()
    for days in (3, 2, 1, 0):
        opendata.build(now=now - datetime.timedelta(days=days))
    assert len(list((root / "archive").iterdir())) == 2


def test_healthz_watches_the_latest_files(root, register, client, settings):
    opendata.build()
    body = client.get("/healthz").json()
    assert "ngos.csv" in body["open_data"] and "ngos.csv" not in body["stale"]


def test_councils_and_members_without_contact_data(root, client):
    from councils.tests.factories import council, member, secretary

    seat = council(body="mci")
    ngo = NGOFactory()
    member(
        seat,
        secretary(seat),
        name="Aigerim Seitova",
        ngo=ngo,
        email="a.seitova@mail.kz",
        phone="+7 701 000 00 00",
    )
    opendata.build()
    councils = rows(root / "councils.csv")
    assert [row["code"] for row in councils] == [seat.code]
    assert client.get("/api/v1/councils/").json()["count"] == len(councils)
    [seated] = rows(root / "council-members.csv")
    assert (seated["council"], seated["name"], seated["ngo_bin"]) == (
        seat.code,
        "Aigerim Seitova",
        ngo.bin,
    )
    text = (root / "council-members.csv").read_text(encoding="utf-8-sig")
    assert "a.seitova@mail.kz" not in text and "+7 701 000 00 00" not in text


def test_action_plans_with_the_history_of_each_item(root):
    from accountability import services as accountability
    from accountability.models import Item
    from forums import services
    from forums.tests.factories import event, forum, organiser
    from registry.models import StateBody
    from registry.tests.factories import OfficialFactory

    xii, body = forum(), StateBody.objects.get(code="mlsp")
    rec = services.propose(event(forum=xii), title={"kk": "Ұсыныс", "ru": "Рекомендация"})
    services.adopt(rec, responsible_body=body, deadline=datetime.date(2099, 1, 1), by=organiser())
    rec.refresh_from_db()
    accountability.record_progress(
        rec.plan_item, by=OfficialFactory(body=body), status=Item.Status.IMPLEMENTED, note="Done"
    )
    opendata.build()
    [item] = rows(root / "action-plans.csv")
    assert (item["forum"], item["recommendation"], item["item"]) == (
        xii.number,
        rec.code,
        rec.plan_item.code,
    )
    assert (item["status"], item["responsible_body"]) == ("implemented", "mlsp")
    history = rows(root / "action-plan-changes.csv")
    assert {row["item"] for row in history} == {rec.plan_item.code}
    assert any(row["kind"] == "status" and row["new_value"] == "implemented" for row in history)
    assert any(row["note"] == "Done" for row in history)


def test_files_no_build_writes_any_more_go_and_others_stay(root, register):
    root.mkdir(parents=True)
    (root / "ocds-1999-ru.json").write_text("{}")
    (root / "README.txt").write_text("the operator's note")
    opendata.build()
    assert not (root / "ocds-1999-ru.json").exists()
    assert (root / "README.txt").read_text() == "the operator's note"
