"""The OCDS packages validate against the release schema patched with the lots and bids
extensions, made strict (no property the standard does not define), so a misspelt or invented
field fails the test."""

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from registry.models import ActivityArea
from registry.tests.factories import NGOFactory, OfficialFactory
from tenders import services
from tenders.models import Competition
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    organiser,
    representative,
    score,
    submitted_application,
)

SCHEMA = Path(__file__).resolve().parents[1] / "ocds_schema"


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


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


def _load(path):
    return json.loads((SCHEMA / path).read_text())


RELEASE = _load("release-schema.json")
for extension in ("lots", "bids"):
    RELEASE = merge_patch(RELEASE, _load(f"extensions/{extension}/release-schema.json"))
STRICT_RELEASE = strict(copy.deepcopy(RELEASE))
PACKAGE = _load("release-package-schema.json")
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


@pytest.fixture
def corrected(db):
    """A competition through every stage: announced, scored, published and corrected."""
    competition, lot = open_competition(winners=2, pass_score=10)
    applications = [submitted_application(lot) for _ in range(3)]
    close_window(competition)
    (member,) = commission(competition, "official")
    official = competition.created_by
    for application, points in zip(applications, (9, 8, 7), strict=True):
        application.refresh_from_db()
        services.screen_application(application, official, "admit")
        score(application, member, points, points, points)
    first = services.award_lot(lot, applications[0], 3_000_000, official)
    services.award_lot(lot, applications[1], 3_000_000, official)
    services.publish_results(competition, official)
    services.correct_results(
        competition,
        official,
        "Жеңімпаз бас тартты / Победитель отказался",
        withdraw=[first],
        add=[(applications[2], 2_000_000)],
    )
    return competition


def test_release_package_has_a_release_per_stage_and_validates(client, corrected):
    packages = {}
    for language in ("kk", "ru"):
        response = client.get(f"/api/v1/ocds/releases/{corrected.number}.json", {"lang": language})
        assert response.status_code == 200
        packages[language] = package = response.json()
        validate_package(package)
        assert [r["tag"] for r in package["releases"]] == [["tender"], ["award"], ["awardUpdate"]]
        assert {r["language"] for r in package["releases"]} == {language}
    kk, ru = (packages[lang]["releases"] for lang in ("kk", "ru"))
    assert [r["id"] for r in kk] == [r["id"] for r in ru]
    assert kk[0]["tender"]["title"] == corrected.title_kk
    assert ru[0]["tender"]["title"] == corrected.title_ru
    update = kk[-1]
    assert update["ocid"] == corrected.ocid
    statuses = sorted(a["status"] for a in update["awards"])
    assert statuses == ["active", "active", "cancelled"]
    rationales = {
        amendment["rationale"] for a in update["awards"] for amendment in a.get("amendments", [])
    }
    assert rationales == {"Жеңімпаз бас тартты / Победитель отказался"}
    lot_ids = {lot["id"] for lot in update["tender"]["lots"]}
    assert {item["relatedLot"] for item in update["tender"]["items"]} == lot_ids
    assert {s["measure"] for s in update["bids"]["statistics"]} == {"bids", "validBids"}
    roles = {role for party in update["parties"] for role in party["roles"]}
    assert {"buyer", "procuringEntity", "supplier"} <= roles


def test_record_package_carries_the_compiled_release(client, corrected):
    response = client.get(f"/api/v1/ocds/records/{corrected.number}.json")
    record = response.json()["records"][0]
    assert record["ocid"] == corrected.ocid
    assert [r["tag"] for r in record["releases"]] == [["tender"], ["award"], ["awardUpdate"]]
    compiled = record["compiledRelease"]
    assert compiled["tag"] == ["compiled"]
    validate_release(compiled)


def test_a_results_only_round_publishes_its_counts_as_bid_statistics(client, db):
    administrator = OfficialFactory(role="administrator")
    competition = services.record_historical_round(
        administrator,
        organiser("mci"),
        Competition.Mechanism.SOCIAL_ORDER,
        2003,
        __import__("datetime").date(2003, 9, 30),
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
    package = client.get(f"/api/v1/ocds/releases/{competition.number}.json").json()
    validate_package(package)
    (release,) = package["releases"]
    assert release["tag"] == ["tender", "award"]
    statistics = {s["measure"]: s["value"] for s in release["bids"]["statistics"]}
    assert statistics == {"bids": 120, "bidders": 109}
    assert sum(a["value"]["amount"] for a in release["awards"]) == 10_700_000


def test_open_competitions_keep_their_bids_sealed(client, db):
    competition, lot = open_competition()
    submitted_application(lot)
    release = client.get(f"/api/v1/ocds/releases/{competition.number}.json").json()["releases"][0]
    assert "bids" not in release
    validate_release(release)


def test_bulk_package_of_a_year_is_split_past_the_limit(client, settings, corrected):
    open_competition(official=corrected.created_by)
    response = client.get(f"/api/v1/ocds/{corrected.year}/releases.json", {"lang": "ru"})
    assert response.status_code == 200
    package = response.json()
    validate_package(package)
    assert {r["tag"][0] for r in package["releases"]} == {"compiled"}
    assert len(package["releases"]) == 2
    settings.OCDS_BULK_MAX_RELEASES = 1
    first = client.get(f"/api/v1/ocds/{corrected.year}/releases.json")
    assert first["X-Total-Parts"] == "2"
    second = client.get(f"/api/v1/ocds/{corrected.year}/releases.json", {"part": 2})
    ids = {r["ocid"] for r in first.json()["releases"]} | {
        r["ocid"] for r in second.json()["releases"]
    }
    assert len(ids) == 2
    assert (
        client.get(f"/api/v1/ocds/{corrected.year}/releases.json", {"part": 3}).status_code == 404
    )
    assert client.get("/api/v1/ocds/1990/releases.json").status_code == 404


def test_a_question_asked_shows_as_an_enquiry_in_the_period_applications_are_taken(client, db):
    competition, lot = open_competition()
    url = f"/api/v1/ocds/releases/{competition.number}.json"
    tender = client.get(url).json()["releases"][0]["tender"]
    assert tender["hasEnquiries"] is False
    assert tender["enquiryPeriod"] == tender["tenderPeriod"]
    user, ngo = representative()
    services.ask_question(competition, ngo, user, "Какой срок проекта?", "ru")
    release = client.get(url).json()["releases"][0]
    assert release["tender"]["hasEnquiries"] is True
    validate_release(release)
