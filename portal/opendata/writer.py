"""Writing the open-data files: CSV (with CSVW metadata and a zip with the field dictionary),
JSON, XLSX, OCDS and 360Giving packages, each written atomically and listed in the manifest."""

import csv
import datetime
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from registry.exports import cell

from . import datasets
from .fields import STRING, Field

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "CC BY 4.0"
MANIFEST = "manifest.json"
ARCHIVE = "archive"
LANGUAGES = ("kk", "ru", "en")


def root() -> Path:
    return Path(settings.OPEN_DATA_ROOT)


def keep_days() -> int:
    return getattr(settings, "PORTAL_OPEN_DATA_KEEP_DAYS", 7)


def manifest() -> dict | None:
    """The manifest of the latest build, or None before the first one."""
    try:
        return json.loads((root() / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@contextmanager
def atomic_file(path: Path, mode: str = "w"):
    """A file that appears at `path` complete or not at all: written beside it, then renamed
    (readers see the old file or the new one; no fsync: the files are rebuilt every night)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        kwargs = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
        with os.fdopen(handle, mode, **kwargs) as stream:
            yield stream
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass
class Written:
    name: str
    dataset: str
    format: str
    rows: int | None


def _value(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _converters(fields: list[Field]) -> list:
    """One function per column, chosen once: text protected against spreadsheet formulas (the
    register's one rule), dates in ISO, numbers as they are."""
    text = {STRING}

    def as_text(value):
        return "" if value is None else cell(value)

    def as_plain(value):
        return "" if value is None else _value(value)

    return [as_text if field.kind in text else as_plain for field in fields]


class CsvSink:
    """Rows into a CSV: a BOM for Excel, fixed codes as the header, every field quoted."""

    def __init__(self, stream, fields: list[Field]):
        stream.write("\ufeff")
        self.writer = csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        self.writer.writerow([field.code for field in fields])
        self.converters = _converters(fields)

    def write(self, row) -> None:
        converted = zip(self.converters, row, strict=True)
        self.writer.writerow([convert(value) for convert, value in converted])


class JsonSink:
    """Rows into one JSON document: {"meta": …, "fields": […], "rows": [{code: value}, …]}."""

    def __init__(self, stream, dataset, generated: str):
        self.stream, self.codes, self.count = stream, [f.code for f in dataset.fields], 0
        meta = {
            "title": str(dataset.title),
            "generated_at": generated,
            "license": LICENCE,
            "publisher": settings.OCDS_PUBLISHER_NAME,
        }
        fields = [field.csvw() for field in dataset.fields]
        stream.write('{"meta": ' + json.dumps(meta, ensure_ascii=False))
        stream.write(', "fields": ' + json.dumps(fields, ensure_ascii=False) + ', "rows": [\n')

    def write(self, row) -> None:
        record = dict(zip(self.codes, (_value(value) for value in row), strict=True))
        prefix = "," if self.count else ""
        self.stream.write(prefix + json.dumps(record, ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        self.stream.write("]}\n")


class XlsxSink:
    """Rows into a worksheet (text never a formula, dates as dates) and the field dictionary."""

    def __init__(self, dataset):
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(dataset.name[:31])
        self.sheet.freeze_panes = "A2"
        self.dataset = dataset
        self.sheet.append([self.cell(field.code) for field in dataset.fields])

    def cell(self, value):
        """Plain values go in as they are (fast); text that would be a formula is marked text,
        date-times become ISO text."""
        if isinstance(value, str):
            if not value.startswith("="):
                return value
            item = WriteOnlyCell(self.sheet, value=value)
            item.data_type = "s"
            return item
        if isinstance(value, datetime.datetime):
            return _value(value)
        return value

    def write(self, row) -> None:
        self.sheet.append([self.cell(value) for value in row])

    def save(self, stream) -> None:
        dictionary = self.workbook.create_sheet("fields")
        dictionary.append(["code", "type", *[f"title_{lang}" for lang in LANGUAGES]])
        for field in self.dataset.fields:
            dictionary.append([field.code, field.kind, *_titles(field)])
        self.workbook.save(stream)


def _titles(field: Field) -> list[str]:
    titles = []
    for lang in LANGUAGES:
        with translation.override(lang):
            titles.append(str(field.title))
    return titles


def csvw_metadata(name: str, dataset: "datasets.Dataset") -> dict:
    table = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": name,
        "dc:title": str(dataset.title),
        "dc:description": str(dataset.description),
        "dc:license": {"@id": LICENCE},
        "dc:publisher": settings.OCDS_PUBLISHER_NAME,
        "dc:modified": timezone.now().isoformat(),
        "dialect": {"delimiter": ",", "encoding": "utf-8", "header": True, "quoteChar": '"'},
        "tableSchema": {"columns": [field.csvw() for field in dataset.fields]},
    }
    if dataset.key:
        table["tableSchema"]["primaryKey"] = dataset.key
    return table


def field_dictionary(path: Path, fields: list[Field]) -> None:
    """The dictionary of a table's columns in the three languages (inside every archive)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(
            ["code", "type", *[f"title_{lang}" for lang in LANGUAGES]]
            + [f"description_{lang}" for lang in LANGUAGES]
        )
        for field in fields:
            descriptions = []
            for lang in LANGUAGES:
                with translation.override(lang):
                    descriptions.append(str(field.description))
            titles = _titles(field)
            writer.writerow([field.code, field.kind, *titles, *descriptions])


def readme(dataset: "datasets.Dataset", generated: str) -> str:
    return (
        f"{dataset.title}\n\n{dataset.description}\n\n"
        f"Generated: {generated}\nPublisher: {settings.OCDS_PUBLISHER_NAME}\n"
        f"Licence: {LICENCE_NAME} ({LICENCE})\n"
        "fields.csv describes every column (code, type, titles and descriptions in kk, ru, en);\n"
        "the .csv-metadata.json file is the same in CSV on the Web (CSVW) form.\n"
    )


def write_json(path: Path, document: dict) -> None:
    with atomic_file(path) as stream:
        json.dump(document, stream, ensure_ascii=False)


def write_zip(path: Path, members: dict[str, Path]) -> None:
    with (
        atomic_file(path, "wb") as stream,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for name, source in members.items():
            archive.write(source, name)


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def tabular(target: Path, work: Path, dataset: "datasets.Dataset", generated: str) -> list:
    """CSV, its CSVW metadata, the zip with the field dictionary, and JSON/XLSX if asked: the
    rows are read once and written to every format as they come."""
    csv_name, json_name, xlsx_name = (f"{dataset.name}.{ext}" for ext in ("csv", "json", "xlsx"))
    rows = 0
    with ExitStack() as stack:
        sinks = [CsvSink(stack.enter_context(atomic_file(target / csv_name)), dataset.fields)]
        if "json" in dataset.formats:
            stream = stack.enter_context(atomic_file(target / json_name))
            json_sink = JsonSink(stream, dataset, generated)
            sinks.append(json_sink)
        if "xlsx" in dataset.formats:
            xlsx_sink = XlsxSink(dataset)
            sinks.append(xlsx_sink)
        for row in dataset.rows():
            for sink in sinks:
                sink.write(row)
            rows += 1
        if "json" in dataset.formats:
            json_sink.close()
    written = [Written(csv_name, dataset.name, "csv", rows)]
    if "json" in dataset.formats:
        written.append(Written(json_name, dataset.name, "json", rows))
    if "xlsx" in dataset.formats:
        with atomic_file(target / xlsx_name, "wb") as stream:
            xlsx_sink.save(stream)
        written.append(Written(xlsx_name, dataset.name, "xlsx", rows))
    metadata_name = f"{csv_name}-metadata.json"
    write_json(target / metadata_name, csvw_metadata(csv_name, dataset))
    written.append(Written(metadata_name, dataset.name, "csvw", None))
    dictionary = work / f"{dataset.name}-fields.csv"
    field_dictionary(dictionary, dataset.fields)
    notes = work / f"{dataset.name}-README.txt"
    notes.write_text(readme(dataset, generated), encoding="utf-8")
    zip_name = f"{dataset.name}.zip"
    write_zip(
        target / zip_name,
        {
            csv_name: target / csv_name,
            metadata_name: target / metadata_name,
            "fields.csv": dictionary,
            "README.txt": notes,
        },
    )
    written.append(Written(zip_name, dataset.name, "zip", rows))
    return written


def documents(target: Path) -> list:
    """The JSON packages of other standards: OCDS per year and language, 360Giving."""
    written = []
    for name, dataset, build_document, rows in datasets.packages():
        document = build_document()
        write_json(target / name, document)
        written.append(Written(name, dataset, "json", rows(document)))
    return written


def build(now: datetime.datetime | None = None, stdout=None) -> dict:
    """Write every file, a dated copy of each, and the manifest; return the manifest."""
    now = now or timezone.now()
    generated = now.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    target = root()
    target.mkdir(parents=True, exist_ok=True)
    day = timezone.localdate(now).isoformat()
    dated = target / ARCHIVE / day
    with translation.override("en"), tempfile.TemporaryDirectory() as scratch:
        written = []
        for dataset in datasets.tables():
            written += tabular(target, Path(scratch), dataset, generated)
            if stdout:
                stdout.write(f"open data: {dataset.name}")
        written += documents(target)
    dated.mkdir(parents=True, exist_ok=True)
    files = []
    for item in written:
        path = target / item.name
        shutil.copy2(path, dated / item.name)
        files.append(
            {
                "name": item.name,
                "dataset": item.dataset,
                "format": item.format,
                "rows": item.rows,
                "bytes": path.stat().st_size,
                "sha256": digest(path),
                "generated_at": generated,
                "latest": item.name,
                "dated": f"{ARCHIVE}/{day}/{item.name}",
            }
        )
    document = {"generated_at": generated, "license": LICENCE, "files": files}
    write_json(dated / MANIFEST, document)
    write_json(target / MANIFEST, document)
    _prune(target / ARCHIVE, keep_days())
    _remove_stale(target, {item.name for item in written} | {MANIFEST})
    return document


def _prune(archive: Path, keep: int) -> None:
    days = sorted(p for p in archive.iterdir() if p.is_dir()) if archive.is_dir() else []
    for old in days[:-keep] if keep > 0 else []:
        shutil.rmtree(old, ignore_errors=True)


def _remove_stale(target: Path, current: set[str]) -> None:
    """Latest files of ours that no build writes any more (e.g. a year's OCDS package whose
    competitions were all deleted) would otherwise stay and go stale; other files are left."""
    ours = tuple(f"{dataset.name}." for dataset in datasets.tables()) + ("ocds-", "360giving.")
    for path in target.iterdir():
        if path.is_file() and path.name not in current and path.name.startswith(ours):
            path.unlink(missing_ok=True)
