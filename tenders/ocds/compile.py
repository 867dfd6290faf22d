"""Packages, records and compiled releases from the stored releases.

Records are compiled with ocdsmerge (the Open Contracting Partnership's merge library) given the
release schema patched with the extensions the packages declare, all read from
`tenders/ocds_schema/`: it never reaches for the network. Packages are assembled from the stored
release texts, so every release is served byte for byte as it was written.
"""

import functools
import hashlib
import json
from pathlib import Path

import ocdsmerge
from django.conf import settings
from django.db.models import Max

from ..models import Release
from .build import iso
from .store import dumps

VERSION = "1.1"
SCHEMA = Path(__file__).resolve().parents[1] / "ocds_schema"
# Declared by every package and served by the site (tenders.ocds_views.ExtensionFileView):
# copies of the lots and bids extensions (tag v1.1.5) and our own region extension.
EXTENSIONS = ("lots", "bids", "region")


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch, as the OCDS extensions are written."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _load(path: str) -> dict:
    return json.loads((SCHEMA / path).read_text())


@functools.cache
def release_schema() -> dict:
    """The core release schema with every declared extension applied."""
    schema = _load("release-schema.json")
    for name in EXTENSIONS:
        schema = merge_patch(schema, _load(f"extensions/{name}/release-schema.json"))
    return schema


@functools.cache
def merger() -> ocdsmerge.Merger:
    return ocdsmerge.Merger(schema=release_schema())


def extension_urls(base: str) -> list[str]:
    return [f"{base}/api/v1/ocds/extensions/{name}/extension.json" for name in EXTENSIONS]


def package_meta(uri: str, base: str, published) -> dict:
    """The package's metadata; `publishedDate` is when its newest release was written."""
    publisher = {"name": settings.OCDS_PUBLISHER_NAME}
    uid = getattr(settings, "OCDS_PUBLISHER_UID", "")
    if uid:
        publisher["scheme"] = getattr(settings, "OCDS_PUBLISHER_SCHEME", "KZ-BIN")
        publisher["uid"] = uid
    return {
        "uri": uri,
        "version": VERSION,
        "extensions": extension_urls(base),
        "publishedDate": iso(published),
        "publisher": publisher,
        "license": settings.OCDS_LICENSE,
        "publicationPolicy": settings.OCDS_PUBLICATION_POLICY
        or f"{base}/api/v1/ocds/publication-policy.md",
    }


def _package_text(meta: dict, key: str, items: list[str]) -> str:
    """The package JSON with `items` (already JSON) spliced in verbatim under `key`."""
    head = dumps({**meta, key: []})
    return f"{head[:-3]}[{','.join(items)}]}}"


def stamp(releases) -> tuple:
    """(newest recorded_at, count, a hash of the ids) — what an ETag of these releases is."""
    facts = releases.aggregate(newest=Max("recorded_at"))
    ids = list(releases.order_by("pk").values_list("pk", flat=True))
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
    return facts["newest"], len(ids), digest


def release_package(competition, uri: str, base: str) -> str:
    rows = list(competition.releases.order_by("date", "pk"))
    published = max(row.recorded_at for row in rows)
    return _package_text(package_meta(uri, base, published), "releases", [r.data for r in rows])


def compiled(rows) -> dict:
    return merger().create_compiled_release([json.loads(row.data) for row in rows])


def record_package(
    competition, uri: str, base: str, release_uri: str, versioned: bool = False
) -> str:
    rows = list(competition.releases.order_by("date", "pk"))
    releases = [json.loads(row.data) for row in rows]
    record = {
        "ocid": competition.ocid,
        "releases": [
            {"url": f"{release_uri}#{r['id']}", "date": r["date"], "tag": r["tag"]}
            for r in releases
        ],
        "compiledRelease": merger().create_compiled_release(releases),
    }
    if versioned:
        record["versionedRelease"] = merger().create_versioned_release(releases)
    published = max(row.recorded_at for row in rows)
    return dumps(
        {**package_meta(uri, base, published), "packages": [release_uri], "records": [record]}
    )


def compiled_releases(rows) -> list[str]:
    """The compiled release of each competition among `rows` (ordered by competition)."""
    texts, batch, current = [], [], None
    for row in rows:
        if row.competition_id != current and batch:
            texts.append(dumps(compiled(batch)))
            batch = []
        current = row.competition_id
        batch.append(row)
    if batch:
        texts.append(dumps(compiled(batch)))
    return texts


def bulk_package(competitions, language: str | None = None, uri: str = "", base: str = "") -> dict:
    """Compiled releases of many competitions (a year, or one part of a large year); `language`
    is accepted for callers of the two-dataset days: there is one dataset."""
    return json.loads(bulk_text(competitions, uri, base))


def bulk_text(competitions, uri: str, base: str) -> str:
    """The bulk package as JSON text, each compiled release spliced in as it is written."""
    rows = list(
        Release.objects.filter(competition__in=competitions.values("pk")).order_by(
            "competition__year", "competition__number", "date", "pk"
        )
    )
    published = max((row.recorded_at for row in rows), default=None)
    base = base or getattr(settings, "OCDS_SITE_URL", "")
    return _package_text(package_meta(uri, base, published), "releases", compiled_releases(rows))
