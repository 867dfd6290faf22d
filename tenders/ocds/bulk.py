"""Bulk packages as files: each year's compiled releases written once per change, with its
gzipped copy and SHA-256, and served from the file until a new release of that year is stored.

Freshness is one aggregate query: the year's newest `recorded_at` and number of releases, which
only ever grow (releases are never changed or deleted).
"""

import dataclasses
import datetime
import gzip
import hashlib
import json
import math
import os
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max

from ..models import Competition, Release
from .build import competitions_for_ocds
from .compile import bulk_text


@dataclasses.dataclass
class BulkFile:
    path: Path
    gzipped: Path
    sha256: str
    published: datetime.datetime
    parts: int


def root() -> Path:
    return Path(getattr(settings, "OCDS_BULK_ROOT", settings.MEDIA_ROOT / "ocds"))


def _stamp(year: int) -> dict | None:
    facts = Release.objects.of_year(year).aggregate(newest=Max("recorded_at"), count=Count("pk"))
    if not facts["count"]:
        return None
    return {"newest": facts["newest"].isoformat(), "count": facts["count"]}


def _write(path: Path, content: bytes) -> None:
    """Write beside, then rename: a reader sees the old file or the new one, never half."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_bytes(content)
    temporary.replace(path)


def year_file(year: int, part: int, uri: str, base: str) -> BulkFile | None:
    """The stored file of the year's part, rebuilt first if a release was stored since."""
    stamp = _stamp(year)
    if stamp is None:
        return None
    size = settings.OCDS_BULK_MAX_RELEASES
    competitions = Competition.objects.filter(year=year, releases__isnull=False).distinct()
    parts = max(1, math.ceil(competitions.count() / size))
    if not 1 <= part <= parts:
        return None
    folder = root() / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"releases-{part}.json"
    meta_path = folder / f"releases-{part}.meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    if meta.get("stamp") != stamp or meta.get("size") != size or not path.exists():
        start = (part - 1) * size
        chosen = competitions_for_ocds().filter(year=year, releases__isnull=False).distinct()
        numbers = list(chosen.order_by("number").values_list("number", flat=True))
        chosen = chosen.filter(number__in=numbers[start : start + size])
        content = bulk_text(chosen, uri, base).encode()
        _write(path, content)
        _write(path.with_name(path.name + ".gz"), gzip.compress(content, mtime=0))
        digest = hashlib.sha256(content).hexdigest()
        _write(path.with_name(path.name + ".sha256"), f"{digest}  {path.name}\n".encode())
        meta = {"stamp": stamp, "size": size, "sha256": digest, "parts": parts}
        _write(meta_path, json.dumps(meta).encode())
    return BulkFile(
        path=path,
        gzipped=path.with_name(path.name + ".gz"),
        sha256=meta["sha256"],
        published=datetime.datetime.fromisoformat(stamp["newest"]),
        parts=parts,
    )
