"""Keeping a copy current: bulk files stored once per change with SHA-256 and gzip, ETags and
Last-Modified from the newest release, `updated_since` on the API, award histories; and the
demo's every year agreeing across OCDS, the API, the results CSV and the statistics."""

import csv
import datetime
import gzip
import hashlib
import io
import json

from django.core.management import call_command
from django.utils import timezone

from tenders import services, stats
from tenders.models import Competition, Release
from tenders.ocds import compile
from tenders.tests import test_ocds
from tenders.tests.factories import open_competition
from tenders.tests.test_ocds import validate_package

published, corrected = test_ocds.published, test_ocds.corrected  # their fixtures


def test_the_bulk_file_is_stored_once_per_change_and_served_conditionally(
    client, corrected, settings
):
    url = f"/api/v1/ocds/{corrected.year}/releases.json"
    first = client.get(url)
    assert first.status_code == 200
    body = b"".join(first.streaming_content)
    assert first["X-Content-SHA256"] == hashlib.sha256(body).hexdigest()
    assert first["ETag"] == f'"{first["X-Content-SHA256"]}"'
    package = json.loads(body)
    validate_package(package)
    (compiled,) = package["releases"]
    assert compiled["tag"] == ["compiled"]
    newest = Release.objects.filter(competition=corrected).order_by("-recorded_at").first()
    assert package["publishedDate"] == newest.recorded_at.astimezone(
        timezone.get_current_timezone()
    ).isoformat(timespec="seconds")
    assert "Last-Modified" in first
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    zipped = client.get(f"{url}.gz")
    assert zipped["ETag"] == first["ETag"]
    assert gzip.decompress(b"".join(zipped.streaming_content)) == body
    # A new competition of the year is a change: a new file, a new ETag.
    open_competition(official=corrected.created_by)
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert len(json.loads(b"".join(changed.streaming_content))["releases"]) == 2
    settings.OCDS_BULK_MAX_RELEASES = 1
    assert client.get(url)["X-Total-Parts"] == "2"
    assert client.get(url, {"part": 3}).status_code == 404


def test_a_year_without_data_is_404(client, db):
    assert client.get("/api/v1/ocds/1999/releases.json").status_code == 404


def test_per_competition_packages_answer_304_until_something_is_published(client, published):
    competition = published[0]
    url = f"/api/v1/ocds/releases/{competition.number}.json"
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    services.close_competition(competition, competition.created_by)  # no new release
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    services.correct_results(
        competition, competition.created_by, "Сома түзетілді", amounts={published[1]: 2_000_000}
    )
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_updated_since_on_every_tenders_endpoint(client, published):
    competition = published[0]
    before = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    after = (timezone.now() + datetime.timedelta(minutes=1)).isoformat()
    for endpoint in ("tenders", "awards", "applications"):
        recent = client.get(f"/api/v1/{endpoint}/", {"updated_since": before}).json()
        assert recent["count"] >= 1, endpoint
        none = client.get(f"/api/v1/{endpoint}/", {"updated_since": after}).json()
        assert none["count"] == 0, endpoint
    refused = client.get("/api/v1/awards/", {"updated_since": "yesterday"})
    assert refused.status_code == 400
    assert competition.number in {
        c["number"]
        for c in client.get("/api/v1/tenders/", {"updated_since": before}).json()["results"]
    }


def test_the_awards_api_tells_the_history_of_each_award(client, published):
    competition, first, _applications = published
    services.correct_results(
        competition, competition.created_by, "Смета қысқарды", amounts={first: 2_500_000}
    )
    services.correct_results(competition, competition.created_by, "Бас тартты", withdraw=[first])
    active = client.get("/api/v1/awards/", {"competition": competition.number}).json()
    assert active["count"] == 1
    withdrawn = client.get(
        "/api/v1/awards/", {"competition": competition.number, "status": "withdrawn"}
    ).json()["results"]
    (award,) = withdrawn
    assert award["status"] == "withdrawn" and award["amount"] == 2_500_000
    history = [(h["action"], h["amount_before"], h["amount_after"]) for h in award["history"]]
    assert history == [("amount_changed", 3_000_000, 2_500_000), ("withdrawn", 2_500_000, 0)]
    assert [h["reason"] for h in award["history"]] == ["Смета қысқарды", "Бас тартты"]


def _ocds_totals(client, year) -> tuple[int, int]:
    response = client.get(f"/api/v1/ocds/{year}/releases.json")
    package = json.loads(b"".join(response.streaming_content))
    awards = [
        award
        for release in package["releases"]
        for award in release.get("awards", [])
        if award["status"] == "active"
    ]
    return len(awards), sum(award["value"]["amount"] for award in awards)


def _api_totals(client, year) -> tuple[int, int]:
    count, total, page = 0, 0, 1
    while True:
        body = client.get("/api/v1/awards/", {"year": year, "page": page, "page_size": 500}).json()
        count = body["count"]
        total += sum(award["amount"] for award in body["results"])
        if not body["next"]:
            return count, total
        page += 1


def _csv_totals(client, year) -> tuple[int, int]:
    response = client.get(f"/en/tenders/results/{year}.csv")
    text = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    header, rows = rows[0], [row for row in rows[1:] if len(row) == len(rows[0])]
    column = next(i for i, name in enumerate(header) if "tenge" in name.lower())
    return len(rows), sum(int(row[column]) for row in rows)


def test_every_year_of_the_demo_agrees_across_ocds_api_csv_and_statistics(client, db):
    call_command("load_demo", ngos=300)
    years = sorted(
        set(
            Competition.objects.filter(status__in=Competition.RESULT_STATUSES).values_list(
                "year", flat=True
            )
        )
    )
    assert {2003, 2004, 2005, 2025} <= set(years)
    figures = {row.year: row for row in stats.table("year")}
    for year in years:
        ocds_totals = _ocds_totals(client, year)
        assert ocds_totals == _api_totals(client, year), year
        assert ocds_totals == _csv_totals(client, year), year
        assert ocds_totals == (figures[year].winners, figures[year].awarded), year
    # Every contract of the year points at an award of the same compiled release.
    package = json.loads(b"".join(client.get("/api/v1/ocds/2025/releases.json").streaming_content))
    for release in package["releases"]:
        award_ids = {award["id"] for award in release.get("awards", [])}
        parties = {party["id"] for party in release.get("parties", [])}
        for contract in release.get("contracts", []):
            assert contract["awardID"] in award_ids
            for payment in contract.get("implementation", {}).get("transactions", []):
                assert payment["payee"]["id"] in parties
    compiled = compile.merger()  # the bulk's compiled releases are ocdsmerge's own
    number = package["releases"][0]["ocid"].rsplit("-", 3)[-3:]
    competition = Competition.objects.get(number="-".join(number))
    rows = Release.objects.filter(competition=competition).order_by("date", "pk")
    assert compiled.create_compiled_release([json.loads(row.data) for row in rows]) == next(
        r for r in package["releases"] if r["ocid"] == competition.ocid
    )
