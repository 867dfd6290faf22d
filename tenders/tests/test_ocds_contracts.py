"""After the results: the contract, each payment, each accepted report and the end of the project
are releases of their own, and the record compiles them into one contract."""

import pytest

from tenders import services
from tenders.tests.test_contracts import TODAY, _contract, _winner
from tenders.tests.test_ocds import validate_package, validate_release

pytestmark = pytest.mark.django_db


def test_contract_payments_reports_and_the_end_are_releases_of_their_own(client):
    award, official, ngo_user = _winner()
    contract = _contract(award, official)
    instalment = services.add_instalment(contract, official, TODAY(), 1_000_000)
    services.approve_instalment(instalment, official)
    services.mark_instalment_paid(instalment, official, TODAY())
    report = services.schedule_report(contract, official, "final", TODAY())
    services.submit_report(report, ngo_user, "Жасалды", "—", 900_000)
    services.accept_report(report, official)
    number = award.lot.competition.number
    package = client.get(f"/api/v1/ocds/releases/{number}.json").json()
    validate_package(package)
    tags = [r["tag"] for r in package["releases"]]
    assert tags[-3:] == [["contract"], ["implementation"], ["implementation"]]
    signed, paid, reported = package["releases"][-3:]
    (item,) = signed["contracts"]
    assert item["id"] == contract.number and item["status"] == "active"
    award_ids = {a["id"] for r in package["releases"] for a in r.get("awards", [])}
    assert item["awardID"] in award_ids
    (transaction,) = paid["contracts"][0]["implementation"]["transactions"]
    assert transaction["value"] == {"amount": 1_000_000, "currency": "KZT"}
    assert transaction["payee"]["id"] == f"KZ-BIN-{award.ngo.bin}"
    (milestone,) = reported["contracts"][0]["implementation"]["milestones"]
    assert (milestone["type"], milestone["status"]) == ("reporting", "met")
    services.complete_project(contract, official)
    record = client.get(f"/api/v1/ocds/records/{number}.json").json()["records"][0]
    assert record["releases"][-1]["tag"] == ["implementation", "contractTermination"]
    compiled = record["compiledRelease"]
    validate_release(compiled)
    (compiled_contract,) = compiled["contracts"]
    assert compiled_contract["status"] == "terminated"
    assert len(compiled_contract["implementation"]["transactions"]) == 1
    assert len(compiled_contract["implementation"]["milestones"]) == 1
