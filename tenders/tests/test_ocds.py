"""The OCDS packages validate against the release schema patched with the extensions they
declare (lots, bids and our KATO region), made strict (no property the standard does not
define), so a misspelt or invented field fails the test."""

import copy
import datetime
import json

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from registry.models import ActivityArea
from registry.tests.factories import NGOFactory, OfficialFactory
from tenders import services
from tenders.models import Competition, Release
from tenders.ocds import compile
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    organiser,
    representative,
    score,
    submitted_application,
)


def strict(schema):
    """Forbid properties that the (patched) schema does not define."""
    if isinstance(schema, dict):
        if "properties" in schema and "additionalProperties" not in schema:
            schema["additionalProperties"] = False
        for value in schema.values():
            strict(value)
    elif isinstance(schema, list):
        for value in schema:
            strict(value)
    return schema


RELEASE = compile.release_schema()
STRICT_RELEASE = strict(copy.deepcopy(RELEASE))
PACKAGE = compile._load("release-package-schema.json")
REGISTRY = Registry().with_resource(RELEASE["id"], Resource(STRICT_RELEASE, specification=DRAFT4))


def validate_release(release):
    errors = sorted(
        Draft4Validator(STRICT_RELEASE, format_checker=FormatChecker()).iter_errors(release),
        key=str,
    )
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def validate_package(package):
    validator = Draft4Validator(PACKAGE, registry=REGISTRY, format_checker=FormatChecker())
    errors = list(validator.iter_errors(package))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    for release in package["releases"]:
        validate_release(release)


def scored_competition(winners=2, applicants=3):
    """Announced, applied to, closed, screened and scored; returns (competition, lot, apps)."""
    competition, lot = open_competition(winners=winners, pass_score=10)
    applications = [submitted_application(lot) for _ in range(applicants)]
    close_window(competition)
    (member,) = commission(competition, "official")
    official = competition.created_by
    for application, points in zip(applications, (9, 8, 7), strict=False):
        application.refresh_from_db()
        services.screen_application(application, official, "admit")
        score(application, member, points, points, points)
    return competition, lot, applications


@pytest.fixture
def published(db):
    competition, lot, applications = scored_competition()
    official = competition.created_by
    first = services.award_lot(lot, applications[0], 3_000_000, official)
    services.award_lot(lot, applications[1], 3_000_000, official)
    services.publish_results(competition, official)
    return competition, first, applications


@pytest.fixture
def corrected(published):
    """A competition through every stage: announced, closed, published and corrected."""
    competition, first, applications = published
    services.correct_results(
        competition,
        competition.created_by,
        "Жеңімпаз бас тартты / Победитель отказался",
        withdraw=[first],
        add=[(applications[2], 2_000_000)],
    )
    return competition


TODAY = datetime.date.today


def releases_of(client, competition, **params):
    response = client.get(f"/api/v1/ocds/releases/{competition.number}.json", params)
    assert response.status_code == 200
    return response


def test_a_release_per_stage_in_one_dataset_with_language_variants(client, corrected):
    response = releases_of(client, corrected)
    package = response.json()
    validate_package(package)
    releases = package["releases"]
    assert [r["tag"] for r in releases] == [
        ["tender"],
        ["tenderUpdate"],
        ["award"],
        ["awardUpdate"],
    ]
    assert {r["language"] for r in releases} == {"kk"}
    tender = releases[0]["tender"]
    assert tender["title"] == corrected.title_kk
    assert tender["title_ru"] == corrected.title_ru
    assert tender["items"][0]["description_ru"] == "Развитие добровольчества среди молодёжи"
    # Every language's page links the same dataset: the same bytes, English included.
    for language in ("ru", "en"):
        assert releases_of(client, corrected, lang=language).content == response.content
    refused = client.get(f"/api/v1/ocds/releases/{corrected.number}.json", {"lang": "de"})
    assert refused.status_code == 400


def test_a_correction_amends_and_the_earlier_values_stay_published(client, corrected):
    tender, close, award, update = releases_of(client, corrected).json()["releases"]
    assert [a["status"] for a in award["awards"]] == ["active", "active"]
    assert sum(a["value"]["amount"] for a in award["awards"]) == 6_000_000
    statuses = sorted((a["status"], a["value"]["amount"]) for a in update["awards"])
    assert statuses == [("active", 2_000_000), ("cancelled", 3_000_000)]
    (amendment,) = {json.dumps(a["amendments"]) for a in update["awards"]}
    (amendment,) = json.loads(amendment)
    assert amendment["rationale"] == "Жеңімпаз бас тартты / Победитель отказался"
    assert amendment["amendsReleaseID"] == award["id"]
    assert amendment["releaseID"] == update["id"]
    assert "→ cancelled" in amendment["description"] and "+ 2000000" in amendment["description"]
    assert update["date"] >= award["date"] >= close["date"] >= tender["date"]


def test_the_record_is_ocdsmerge_s_compilation_of_the_published_releases(client, corrected):
    releases = releases_of(client, corrected).json()["releases"]
    response = client.get(f"/api/v1/ocds/records/{corrected.number}.json")
    record = response.json()["records"][0]
    assert record["ocid"] == corrected.ocid
    assert [r["tag"] for r in record["releases"]] == [r["tag"] for r in releases]
    compiled = record["compiledRelease"]
    assert compiled == compile.merger().create_compiled_release(releases)
    assert compiled["tag"] == ["compiled"]
    validate_release(compiled)
    awards = {a["id"]: a for a in compiled["awards"]}
    assert len(awards) == 3
    assert [a for a in awards.values() if a.get("amendments")]
    assert {lot["status"] for lot in compiled["tender"]["lots"]} == {"complete"}
    versioned = client.get(
        f"/api/v1/ocds/records/{corrected.number}.json", {"versioned": "true"}
    ).json()["records"][0]["versionedRelease"]
    history = versioned["tender"]["status"]
    assert [entry["value"] for entry in history] == ["active", "complete"]


def test_a_published_release_is_never_changed_nor_deleted(corrected):
    from django.db import IntegrityError, connection, transaction

    release = Release.objects.filter(competition=corrected).first()
    release.data = "{}"
    for attempt in (release.save, release.delete):
        with pytest.raises(IntegrityError), transaction.atomic():
            attempt()
    for sql in (
        "UPDATE tenders_release SET data = '{}' WHERE id = %s",
        "DELETE FROM tenders_release WHERE id = %s",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [release.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        Release.objects.filter(pk=release.pk).update(date=release.date)
    assert Release.objects.get(pk=release.pk).data != "{}"


def test_a_release_reads_the_same_bytes_after_later_stages(client, published):
    competition, first, applications = published
    official = competition.created_by
    before = releases_of(client, competition).content.decode()
    stored = list(Release.objects.filter(competition=competition).values_list("data", flat=True))
    assert all(text in before for text in stored)
    services.correct_results(competition, official, "Сома түзетілді", amounts={first: 2_500_000})
    contract = services.sign_contract(
        first,
        official,
        "Ш-1",
        TODAY(),
        TODAY(),
        TODAY() + datetime.timedelta(days=90),
        2_000_000,
    )
    instalment = services.add_instalment(contract, official, TODAY(), 1_000_000)
    services.approve_instalment(instalment, official)
    services.mark_instalment_paid(instalment, official, TODAY())
    after = releases_of(client, competition).json()
    validate_package(after)
    assert [r["tag"] for r in after["releases"]][3:] == [
        ["awardUpdate"],
        ["contract"],
        ["implementation"],
    ]
    text = releases_of(client, competition).content.decode()
    assert all(release in text for release in stored)
    assert json.loads(stored[2])["awards"][0]["value"]["amount"] == 3_000_000
    contract_release = after["releases"][4]["contracts"][0]
    assert contract_release["dateSigned"] == f"{TODAY().isoformat()}T00:00:00+05:00"
    payment = after["releases"][5]["contracts"][0]["implementation"]["transactions"][0]
    assert payment["payee"]["id"] == f"KZ-BIN-{first.ngo.bin}"
    party_ids = {p["id"] for r in after["releases"] for p in r.get("parties", [])}
    assert payment["payee"]["id"] in party_ids and payment["payer"]["id"] in party_ids


def test_bids_stay_sealed_until_the_close_and_an_empty_lot_is_unsuccessful(client, db):
    competition, lot = open_competition()
    submitted_application(lot)
    (tender,) = releases_of(client, competition).json()["releases"]
    assert "bids" not in tender and tender["tender"]["lots"][0]["status"] == "active"
    validate_release(tender)
    empty, empty_lot = open_competition(official=competition.created_by)
    close_window(competition)
    close_window(empty)
    _tender, close = releases_of(client, competition).json()["releases"]
    assert close["bids"]["statistics"] == [
        {"id": f"{lot.code}-bids", "measure": "bids", "value": 1, "relatedLot": lot.code}
    ]
    _tender, close = releases_of(client, empty).json()["releases"]
    assert close["tender"]["lots"] == [{"id": empty_lot.code, "status": "unsuccessful"}]
    record = client.get(f"/api/v1/ocds/records/{empty.number}.json").json()["records"][0]
    assert record["compiledRelease"]["tender"]["lots"][0]["status"] == "unsuccessful"


def test_parties_carry_identifiers_and_kato_regions(client, corrected):
    compiled = client.get(f"/api/v1/ocds/records/{corrected.number}.json").json()["records"][0][
        "compiledRelease"
    ]
    suppliers = [p for p in compiled["parties"] if "supplier" in p["roles"]]
    assert len(suppliers) == 3
    for party in suppliers:
        assert party["identifier"]["scheme"] == "KZ-BIN"
        assert party["id"] == f"KZ-BIN-{party['identifier']['id']}"
        assert len(party["x_region"]["id"]) == 9 and party["x_region"]["scheme"] == "KATO"
    buyer = next(p for p in compiled["parties"] if "buyer" in p["roles"])
    assert compiled["buyer"]["id"] == buyer["id"]


def test_a_results_only_round_publishes_its_counts_as_bid_statistics(client, db):
    administrator = OfficialFactory(role="administrator")
    competition = services.record_historical_round(
        administrator,
        organiser("mci"),
        Competition.Mechanism.SOCIAL_ORDER,
        2003,
        datetime.date(2003, 9, 30),
        lots=[
            {
                "theme_kk": "Пилоттық конкурс",
                "theme_ru": "Пилотный конкурс",
                "activity_area": ActivityArea.objects.get(code="youth"),
                "budget": 10_700_000,
                "winners_allowed": 2,
                "winners": [(NGOFactory(), 5_350_000), ("«Болашақ» ҚБ", 5_350_000)],
            }
        ],
        reported_applications=120,
        reported_applicants=109,
        title_kk="2003 жылғы пилоттық конкурс",
        title_ru="Пилотный конкурс 2003 года",
    )
    package = releases_of(client, competition).json()
    validate_package(package)
    (release,) = package["releases"]
    assert release["tag"] == ["tender", "award"]
    assert release["date"] == "2003-09-30T12:00:00+07:00"  # Almaty, summer time in 2003
    statistics = {s["measure"]: s["value"] for s in release["bids"]["statistics"]}
    assert statistics == {"bids": 120, "bidders": 109}
    assert sum(a["value"]["amount"] for a in release["awards"]) == 10_700_000


def test_a_question_asked_shows_as_an_enquiry_at_the_close(client, db):
    competition, lot = open_competition()
    tender = releases_of(client, competition).json()["releases"][0]["tender"]
    assert tender["enquiryPeriod"] == tender["tenderPeriod"]
    user, ngo = representative()
    services.ask_question(competition, ngo, user, "Какой срок проекта?", "ru")
    close_window(competition)
    close = releases_of(client, competition).json()["releases"][-1]
    assert close["tender"]["hasEnquiries"] is True


def test_packages_declare_extensions_the_site_serves(client, corrected):
    package = releases_of(client, corrected).json()
    assert package["publicationPolicy"].endswith("/api/v1/ocds/publication-policy.md")
    assert client.get(package["publicationPolicy"]).status_code == 200
    for url in package["extensions"]:
        path = url.removeprefix("http://testserver")
        extension = client.get(path).json()
        for schema in extension["schemas"]:
            assert client.get(path.replace("extension.json", schema)).status_code == 200
    assert client.get("/api/v1/ocds/extensions/other/extension.json").status_code == 404


def test_compiling_never_reaches_for_the_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    compile.merger.cache_clear()
    compile.release_schema.cache_clear()
    compiled = compile.merger().create_compiled_release(
        [{"ocid": "x", "id": "x-1", "date": "2025-01-01T00:00:00+05:00", "tag": ["tender"]}]
    )
    assert compiled["tag"] == ["compiled"]
