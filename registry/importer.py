"""Bulk import of the NGO registers that ministries and akimats send as CSV or XLSX files.

Reading (import_files.py). The first row of a register is its header, and the file is refused
by its limits (IMPORT_MAX_*) before it is read. Columns are recognised by their Kazakh,
Russian or English titles (HEADERS), whatever the case, punctuation or Kazakh letters. A name goes
into the language of its column title: «Наименование» fills name_ru, «Атауы» name_kk, «Name»
name_en; titles naming the language («Наименование на казахском языке», name_kk…) work too.
Unknown columns are ignored with a warning. CSV files may be UTF-8 (with or without BOM) or
Windows-1251, separated by `;`, `,` or tabs; XLSX files are read from their first sheet.

Line numbers. Every report entry gives the data row: 1 is the first row after the header (the
convention of the fault lists officials keep; Excel numbers that row 2). Line 0 is the header.

Policy. Rows are judged one by one: a valid row is imported, a refused row is reported and skipped,
and a warning says what was corrected (a BIN written with spaces, the leading zero Excel drops, a
former region name, an unknown activity area left out). The file is checked first, with progress
saved as it goes; then all its writes happen in one transaction, so a crash leaves nothing
half-saved. A dry run makes the same checks and writes nothing. NGOs are matched by BIN: a new
BIN creates a "verified" NGO (the source is an official register); a known BIN updates only the
columns the file has, keeps the NGO's status, and an empty cell never erases data, so running a
file twice creates nothing the second time. Officials of local bodies import only NGOs of their
regions.

Audit. Every NGO created or updated gets a history record (the uploader, "register import #id"),
and the ImportJob keeps the file, a bounded report of message codes (import_report.py) and every
refused row with its reasons, which the official downloads to correct and upload again.
"""

import datetime
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.cache import public_data_changed

from .bin import bin_month, compact, is_valid, validate_bin
from .import_files import CP1251_SPELLING, ImportFileError, fold, parse_file, validate_upload
from .import_report import column_title, message
from .models import (
    NGO,
    ActivityArea,
    ImportIssue,
    ImportJob,
    ImportRefusal,
    LegalForm,
    Region,
    scope_regions,
)

logger = logging.getLogger(__name__)

__all__ = ["ImportFileError", "parse_file", "run_import", "start_import", "validate_upload"]

CHUNK_ROWS = 500  # rows checked between two progress updates
WRITE_BATCH = 1000

ERROR, WARNING = "error", "warning"
CREATE, UPDATE, UNCHANGED, REFUSE = "create", "update", "unchanged", "refuse"

NAME_FIELDS = ("name_kk", "name_ru", "name_en")

# Words around a region's name that say what it is, not which one it is.
OBLAST_WORDS = {"область", "обл", "облысы", "облыс", "region", "oblast"}
CITY_WORDS = {"г", "город", "гор", "каласы", "кала", "city"}


def _differs(current, new) -> bool:
    """Whether a file value changes the register; the cp1251 spelling of the same text does not."""
    if isinstance(current, str) and current.translate(CP1251_SPELLING) == new:
        return False
    return current != new


# Matching reference data ----------------------------------------------------------------------


class Lookup:
    """Records found by any of their names or abbreviations, spelt loosely (see fold)."""

    def __init__(self, records, attributes):
        self._by_key = {}
        for record in records:
            for attribute in attributes:
                value = getattr(record, attribute)
                if value:
                    self._by_key.setdefault(fold(value), record)

    def get(self, text):
        return self._by_key.get(fold(text))


def _region_key(text) -> tuple[str, str | None]:
    """The words naming a region, and the level the other words hint at (oblast or city)."""
    words = fold(text).split()
    hint = None
    if OBLAST_WORDS.intersection(words):
        hint = Region.Level.OBLAST
    elif CITY_WORDS.intersection(words):
        hint = Region.Level.CITY
    return " ".join(w for w in words if w not in OBLAST_WORDS | CITY_WORDS), hint


class RegionMatcher:
    """Regions by KATO code or any of their names, current or former.

    «Алматы» alone names both the city and the oblast; the words around it decide, and with no
    such word the city is meant, as in everyday use.
    """

    def __init__(self, regions):
        self.by_id = {region.pk: region for region in regions}
        self._by_key = defaultdict(list)
        for region in self.by_id.values():
            for name in {region.kato, region.name_kk, region.name_ru, region.name_en} - {None, ""}:
                found = self._by_key[_region_key(name)[0]]
                if region not in found:
                    found.append(region)

    def find(self, text) -> list[Region]:
        key, hint = _region_key(text)
        found = self._by_key.get(key, [])
        if len(found) > 1:
            found = [r for r in found if r.level == (hint or Region.Level.CITY)] or found
        return found

    def current(self, region: Region) -> Region | None:
        """The region that now covers a former region's territory, following renames."""
        while not region.is_current and region.successor_id:
            region = self.by_id[region.successor_id]
        return region if region.is_current else None

    def split_offs(self, region: Region) -> list[Region]:
        return [r for r in self.by_id.values() if r.split_from_id == region.pk]


def region_scope(user) -> set[int] | None:
    """Regions an official may import into; None when the whole country is theirs.

    A job whose uploader has since been deleted may import nothing.
    """
    return set() if user is None else scope_regions(user)


# Checking rows ----------------------------------------------------------------------------------


@dataclass
class CheckedRow:
    """One data row turned into NGO field values, with every fault found in it."""

    line: int
    bin: str = ""
    values: dict = field(default_factory=dict)
    areas: set[int] | None = None
    issues: list[tuple[str, str, str, dict]] = field(default_factory=list)  # column, level, code

    @property
    def refused(self) -> bool:
        return any(issue[1] == ERROR for issue in self.issues)

    def error(self, column: str, code: str, **params) -> None:
        self.issues.append((column, ERROR, code, params))

    def warn(self, column: str, code: str, **params) -> None:
        self.issues.append((column, WARNING, code, params))


class RowChecker:
    """Checks rows against the BIN rules and the reference data, naming the column at fault.

    Columns the file lacks are named "@key" and given a title when the report is shown.
    """

    def __init__(self, columns: dict[str, str], scope: set[int] | None):
        self.columns = columns
        self.scope = scope
        self.regions = RegionMatcher(Region.objects.all())
        self.legal_forms = Lookup(
            LegalForm.objects.all(),
            [
                "code",
                "name_kk",
                "name_ru",
                "name_en",
                "abbreviation_kk",
                "abbreviation_ru",
                "abbreviation_en",
            ],
        )
        self.areas = Lookup(ActivityArea.objects.all(), ["code", "name_kk", "name_ru", "name_en"])
        self.first_row_of_bin: dict[str, int] = {}

    def column(self, key: str) -> str:
        return self.columns.get(key) or f"@{key}"

    def name_column(self) -> str:
        return next((self.columns[key] for key in NAME_FIELDS if key in self.columns), "@name")

    def check(self, line: int, raw: dict) -> CheckedRow:
        row = CheckedRow(line)
        raw = {key: value if key == "registered_on" else str(value) for key, value in raw.items()}
        self._check_bin(row, raw["bin"])
        self._check_names(row, raw)
        checks = {
            "legal_form": self._check_legal_form,
            "region": self._check_region,
            "registered_on": self._check_date,
            "activity_areas": self._check_areas,
            "head_name": self._check_head,
            "phone": self._check_phone,
            "email": self._check_email,
        }
        for key, check in checks.items():
            if raw.get(key, "") != "":
                check(row, raw[key])
        return row

    def _check_bin(self, row: CheckedRow, written: str) -> None:
        column = self.column("bin")
        number = row.bin = compact(written)
        if not number:
            row.error(column, "bin_empty")
            return
        if len(number) == 11 and number.isdigit() and is_valid("0" + number):
            number = row.bin = "0" + number
            row.warn(column, "bin_zero_restored", bin=number)
        elif number != written:
            row.warn(column, "bin_normalised", bin=number)
        try:
            validate_bin(number)
        except ValidationError:
            row.error(column, "bin_invalid", bin=number)
            return
        first = self.first_row_of_bin.setdefault(number, row.line)
        if first != row.line:
            row.error(column, "bin_duplicate", line=first)

    def _check_names(self, row: CheckedRow, raw: dict) -> None:
        present = [key for key in NAME_FIELDS if key in self.columns]
        for key in present:
            name = " ".join(raw[key].split())
            limit = NGO._meta.get_field(key).max_length
            if len(name) > limit:
                row.error(self.column(key), "name_too_long", limit=limit)
            elif name:
                row.values[key] = name
        if present and not any(key in row.values for key in present):
            row.error(self.name_column(), "name_empty")

    def _check_legal_form(self, row: CheckedRow, text: str) -> None:
        legal_form = self.legal_forms.get(text)
        if legal_form is None:
            row.error(self.column("legal_form"), "legal_form_unknown", value=text)
        else:
            row.values["legal_form_id"] = legal_form.pk

    def _check_region(self, row: CheckedRow, text: str) -> None:
        column = self.column("region")
        found = self.regions.find(text)
        if len(found) != 1:
            row.error(column, "region_ambiguous" if found else "region_unknown", value=text)
            return
        region = self.regions.current(found[0])
        if region is None:
            row.error(column, "region_gone", value=text)
            return
        if region != found[0]:
            split_offs = [r.kato for r in self.regions.split_offs(found[0])]
            if split_offs:
                row.warn(
                    column,
                    "region_former_split",
                    value=text,
                    region=region.kato,
                    regions=split_offs,
                )
            else:
                row.warn(column, "region_former", value=text, region=region.kato)
        if self.scope is not None and region.pk not in self.scope:
            row.error(column, "region_out_of_scope", region=region.kato)
        row.values["region_id"] = region.pk

    def _check_date(self, row: CheckedRow, value) -> None:
        column = self.column("registered_on")
        day = value if isinstance(value, datetime.date) else None
        if day is None:
            parts = _date_parts(value)
            if parts is None:
                row.error(column, "date_invalid", value=str(value))
                return
            try:
                day = datetime.date(*parts)
            except ValueError:
                row.error(column, "date_unreal", value=str(value))
                return
        if day > timezone.localdate():
            row.error(column, "date_future", value=str(value))
            return
        mismatch = row.bin and is_valid(row.bin) and bin_month(row.bin) != day.replace(day=1)
        if mismatch and not row.refused:  # a row refused for its BIN needs no second reason
            month = f"{row.bin[2:4]}.{bin_month(row.bin).year}"
            row.error(column, "date_not_bin_month", bin_month=month, date=day.strftime("%d.%m.%Y"))
            return
        row.values["registered_on"] = day

    def _check_areas(self, row: CheckedRow, text: str) -> None:
        found = set()
        for name in filter(None, (part.strip() for part in re.split(r"[,;\n]+", text))):
            area = self.areas.get(name)
            if area is None:
                row.warn(self.column("activity_areas"), "area_unknown", value=name)
            else:
                found.add(area.pk)
        if found:
            row.areas = found

    def _check_head(self, row: CheckedRow, text: str) -> None:
        self._check_text(row, "head_name", text)

    def _check_phone(self, row: CheckedRow, text: str) -> None:
        self._check_text(row, "phone", text)

    def _check_email(self, row: CheckedRow, text: str) -> None:
        try:
            validate_email(text)
        except ValidationError:
            row.warn(self.columns["email"], "email_invalid", value=text)
            return
        self._check_text(row, "email", text)

    def _check_text(self, row: CheckedRow, key: str, text: str) -> None:
        value = " ".join(text.split())
        limit = NGO._meta.get_field(key).max_length
        if len(value) > limit:
            row.warn(self.columns[key], "text_too_long", limit=limit)
        else:
            row.values[key] = value

    def require_for_new(self, row: CheckedRow) -> None:
        """A new NGO needs a name, a legal form and a region; an update needs none of them."""
        if not any(key in row.values for key in NAME_FIELDS):
            row.error(self.name_column(), "new_needs_name")
        if "legal_form_id" not in row.values:
            row.error(self.column("legal_form"), "new_needs_legal_form")
        if "region_id" not in row.values:
            row.error(self.column("region"), "new_needs_region")

    def check_scope(self, row: CheckedRow, ngo: NGO) -> None:
        """Nothing about an NGO outside the official's scope is told, not even its region."""
        if self.scope is not None and ngo.region_id not in self.scope:
            row.error(self.column("bin"), "ngo_out_of_scope")


_DATE_FORMATS = (
    (re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})"), (3, 2, 1)),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (1, 2, 3)),
)


def _date_parts(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of a date written DD.MM.YYYY, DD/MM/YYYY or YYYY-MM-DD."""
    for pattern, order in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(match[i]) for i in order)
            return year, month, day
    return None


# Planning and writing ---------------------------------------------------------------------------


@dataclass
class Plan:
    """What an import does to the register, worked out before anything is written.

    The report is bounded: every fault is counted by kind, but only the first
    IMPORT_REPORT_FAULTS_PER_KIND of each kind are listed. Every refused row is kept with its
    errors, for the file of refused rows (their number is bounded by IMPORT_MAX_ROWS).
    """

    job_id: int
    per_kind: int = field(default_factory=lambda: settings.IMPORT_REPORT_FAULTS_PER_KIND)
    issues: list[ImportIssue] = field(default_factory=list)
    fault_counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    refusals: list[ImportRefusal] = field(default_factory=list)
    new: list[NGO] = field(default_factory=list)
    changed: list[tuple[NGO, frozenset[str]]] = field(default_factory=list)
    area_links: list[tuple[NGO, set[int]]] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys((CREATE, UPDATE, UNCHANGED, REFUSE), 0)
    )

    def note(self, line, column, level, code, params, bin="", action="") -> None:
        self.fault_counts[code] += 1
        if self.fault_counts[code] <= self.per_kind:
            self.issues.append(
                ImportIssue(
                    job_id=self.job_id,
                    line=line,
                    column=column,
                    level=level,
                    code=code,
                    params=params,
                    bin=bin,
                    action=action,
                )
            )

    def add(self, row: CheckedRow, ngo: NGO | None, current_areas: set[int]) -> None:
        if row.refused:
            action = REFUSE
            reasons = [[c, code, params] for c, level, code, params in row.issues if level == ERROR]
            self.refusals.append(ImportRefusal(job_id=self.job_id, line=row.line, reasons=reasons))
        elif ngo is None:
            action = self._create(row)
        else:
            action = self._update(row, ngo, current_areas)
        self.counts[action] += 1
        for column, level, code, params in row.issues:
            self.note(row.line, column, level, code, params, row.bin, action)

    def _create(self, row: CheckedRow) -> str:
        ngo = NGO(
            bin=row.bin, status=NGO.Status.VERIFIED, status_changed_at=timezone.now(), **row.values
        )
        self.new.append(ngo)
        if row.areas:
            self.area_links.append((ngo, row.areas))
        return CREATE

    def _update(self, row: CheckedRow, ngo: NGO, current_areas: set[int]) -> str:
        fields = {key for key, value in row.values.items() if _differs(getattr(ngo, key), value)}
        areas_changed = row.areas is not None and row.areas != current_areas
        if not fields and not areas_changed:
            return UNCHANGED
        for key in fields:
            setattr(ngo, key, row.values[key])
        if fields.intersection(NAME_FIELDS):
            fields.add("name")  # the untranslated column modeltranslation keeps in step
        self.changed.append((ngo, frozenset(fields | {"updated_at"})))
        if areas_changed:
            self.area_links.append((ngo, row.areas))
        return UPDATE

    def updates_by_fields(self) -> dict[frozenset[str], list[NGO]]:
        groups = defaultdict(list)
        for ngo, fields in self.changed:
            groups[fields].append(ngo)
        return groups


def _existing(bins: list[str]) -> tuple[dict[str, NGO], dict[int, set[int]]]:
    """NGOs already in the register among these BINs, and their activity areas."""
    ngos = {
        ngo.bin: ngo for ngo in NGO.objects.filter(bin__in=bins).defer("search_document").order_by()
    }
    areas = defaultdict(set)
    if ngos:
        links = NGO.activity_areas.through.objects.filter(
            ngo_id__in=[ngo.pk for ngo in ngos.values()]
        ).values_list("ngo_id", "activityarea_id")
        for ngo_id, area_id in links:
            areas[ngo_id].add(area_id)
    return ngos, areas


def _plan(job: ImportJob, reader, rows: list) -> Plan:
    """Check every row and decide its fate, saving the progress after each chunk."""
    checker = RowChecker(reader.columns, region_scope(job.created_by))
    plan = Plan(job_id=job.pk)
    for title in reader.ignored:
        plan.note(0, title, WARNING, "column_ignored", {})
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = [checker.check(line, raw) for line, raw in rows[start : start + CHUNK_ROWS]]
        ngos, areas = _existing([row.bin for row in chunk if not row.refused])
        for row in chunk:
            ngo = None if row.refused else ngos.get(row.bin)
            if ngo is not None:
                checker.check_scope(row, ngo)
            elif not row.refused:
                checker.require_for_new(row)
            plan.add(row, ngo, areas[ngo.pk] if ngo else set())
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=start + len(chunk))
    return plan


def _write(job: ImportJob, plan: Plan) -> None:
    """All the writes of one file, with history, in the caller's transaction.

    Updates are upserts on the BIN (INSERT … ON CONFLICT DO UPDATE of the changed columns only),
    many times faster than bulk_update's CASE per row. Their history is taken first because the
    insert half stamps a new created_at on the objects in memory (the row keeps its own).
    """
    history = {
        "batch_size": WRITE_BATCH,
        "default_user": job.created_by,
        "default_change_reason": f"register import #{job.pk}",
    }
    NGO.objects.bulk_create(plan.new, batch_size=WRITE_BATCH)
    NGO.history.bulk_history_create(plan.new, **history)
    NGO.history.bulk_history_create([ngo for ngo, _fields in plan.changed], update=True, **history)
    for fields, ngos in plan.updates_by_fields().items():
        NGO.objects.bulk_create(
            ngos,
            batch_size=WRITE_BATCH,
            update_conflicts=True,
            unique_fields=["bin"],
            update_fields=sorted(fields),
        )
    links = NGO.activity_areas.through
    links.objects.filter(ngo_id__in=[ngo.pk for ngo, _areas in plan.area_links]).delete()
    links.objects.bulk_create(
        [
            links(ngo_id=ngo.pk, activityarea_id=area_id)
            for ngo, area_ids in plan.area_links
            for area_id in sorted(area_ids)
        ],
        batch_size=5 * WRITE_BATCH,
    )
    public_data_changed()  # bulk writes send no signals


def _start(job: ImportJob) -> None:
    job.status = ImportJob.Status.RUNNING
    job.processed_rows = job.total_rows = 0
    job.created_count = job.updated_count = job.refused_count = 0
    job.fault_counts, job.error_code, job.error_params, job.finished_at = {}, "", {}, None
    job.save()
    job.issues.all().delete()
    job.refusals.all().delete()


def _finish(job: ImportJob, plan: Plan) -> None:
    job.status = ImportJob.Status.DONE
    job.processed_rows = job.total_rows
    job.created_count = plan.counts[CREATE]
    job.updated_count = plan.counts[UPDATE]
    job.refused_count = plan.counts[REFUSE]
    job.fault_counts = dict(plan.fault_counts)
    job.finished_at = timezone.now()
    job.save()
    ImportIssue.objects.bulk_create(plan.issues, batch_size=WRITE_BATCH)
    ImportRefusal.objects.bulk_create(plan.refusals, batch_size=WRITE_BATCH)


def _fail(job: ImportJob, code: str, **params) -> None:
    job.status = ImportJob.Status.FAILED
    job.error_code, job.error_params = code, params
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error_code", "error_params", "finished_at"])


# SQLSTATE classes worth another try: connection lost, serialization failure or deadlock,
# server shutting down, too many connections. Anything else would fail the same way again.
TRANSIENT_SQLSTATES = ("08", "40", "57P", "53300")


def is_transient(exc: OperationalError) -> bool:
    """Whether a database error may pass by itself (retry) or will recur (fail the job)."""
    sqlstate = sqlstate_of(exc)
    return sqlstate is None or sqlstate.startswith(TRANSIENT_SQLSTATES)


def sqlstate_of(exc: OperationalError) -> str | None:
    """The SQLSTATE code of the driver's error (psycopg 2 calls it pgcode, 3 sqlstate)."""
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)


def run_import(job: ImportJob) -> None:
    """Run a job's dry run or real import; failures end up in the job, never half-saved.

    A transient database error (lost connection, deadlock) is raised again so the task can be
    retried from the start; every other failure is final and recorded on the job.
    """
    _start(job)
    try:
        with job.file.open("rb") as source:
            reader = parse_file(source, job.original_name)
            rows = list(reader)
        job.total_rows = len(rows)
        ImportJob.objects.filter(pk=job.pk).update(total_rows=job.total_rows)
        plan = _plan(job, reader, rows)
        with transaction.atomic():
            if not job.dry_run:
                _write(job, plan)
            _finish(job, plan)
    except ImportFileError as exc:
        _fail(job, exc.code, **exc.params)
    except IntegrityError:
        logger.exception("Register import %s collided with another change", job.pk)
        _fail(job, "collision")
    except OperationalError as exc:
        if is_transient(exc):
            raise
        logger.exception("Register import %s refused by the database", job.pk)
        _fail(job, "database", error=sqlstate_of(exc) or "")
    except Exception as exc:
        logger.exception("Register import %s failed", job.pk)
        _fail(job, "unexpected", error=exc.__class__.__name__)


# Starting jobs ---------------------------------------------------------------------------------


def start_import(file, user, dry_run: bool) -> ImportJob:
    """Store a checked upload as a job; its run is queued once the job row is committed."""
    validate_upload(file)
    job = ImportJob.objects.create(
        file=file, original_name=Path(file.name).name[:255], dry_run=dry_run, created_by=user
    )
    _queue(job)
    return job


@transaction.atomic
def start_real_run(dry_run_job: ImportJob, user) -> ImportJob:
    """The real import of a file whose dry run an official has read; once per dry run."""
    ImportJob.objects.select_for_update().get(pk=dry_run_job.pk)
    started = (
        ImportJob.objects.filter(file=dry_run_job.file.name, dry_run=False)
        .exclude(status=ImportJob.Status.FAILED)
        .first()
    )
    if started is not None:
        return started
    job = ImportJob.objects.create(
        file=dry_run_job.file.name,
        original_name=dry_run_job.original_name,
        dry_run=False,
        created_by=user,
    )
    _queue(job)
    return job


def refused_rows(job: ImportJob) -> tuple[str | None, list, list]:
    """The refused rows of a job's file as written, each with its reasons in a last column.

    Returns the CSV delimiter (None for a workbook), the header and the rows.
    """
    reasons = dict(job.refusals.values_list("line", "reasons"))
    regions = {region.kato: str(region) for region in Region.objects.all()}
    rows = []
    with job.file.open("rb") as source:
        reader = parse_file(source, job.original_name)
        for line, cells in reader.records():
            if line in reasons:
                explained = "; ".join(
                    f"{column_title(column)}: {message(code, params, regions)}"
                    for column, code, params in reasons[line]
                )
                rows.append([*cells, explained])
    return reader.delimiter, [*reader.header, _("Reason for refusal")], rows


def _queue(job: ImportJob) -> None:
    from .tasks import import_register  # tasks imports this module

    language = translation.get_language()
    # robust: with the broker down the upload still succeeds; tasks.queue_waiting_work queues it.
    transaction.on_commit(lambda: import_register.delay(job.pk, language), robust=True)
