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
import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from config.cache import public_data_changed

from .bin import bin_month, compact, is_valid, validate_bin
from .import_files import CP1251_SPELLING, HEADERS, ImportFileError, parse_file, validate_upload
from .imports import jobs
from .imports.base import (
    CREATE,
    UNCHANGED,
    UPDATE,
    WRITE_BATCH,
    CheckedRow,
    TabularImport,
    is_transient,
    sqlstate_of,
)
from .imports.values import Lookup, RegionMatcher, date_parts
from .models import NGO, ActivityArea, ImportJob, LegalForm, Region, scope_regions

__all__ = [
    "ImportFileError",
    "NGORegisterImport",
    "is_transient",
    "parse_file",
    "refused_rows",
    "run_import",
    "sqlstate_of",
    "start_import",
    "start_real_run",
    "validate_upload",
]

NAME_FIELDS = ("name_kk", "name_ru", "name_en")


def _differs(current, new) -> bool:
    """Whether a file value changes the register; the cp1251 spelling of the same text does not."""
    if isinstance(current, str) and current.translate(CP1251_SPELLING) == new:
        return False
    return current != new


def region_scope(user) -> set[int] | None:
    """Regions an official may import into; None when the whole country is theirs.

    A job whose uploader has since been deleted may import nothing.
    """
    return set() if user is None else scope_regions(user)


# Checking rows ----------------------------------------------------------------------------------


@dataclass
class NGORow(CheckedRow):
    """A register row: its key is the BIN; `areas` the activity areas it names, if any."""

    areas: set[int] | None = None


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
        row = NGORow(line)
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

    def _check_bin(self, row: NGORow, written: str) -> None:
        column = self.column("bin")
        number = row.key = compact(written)
        if not number:
            row.error(column, "bin_empty")
            return
        if len(number) == 11 and number.isdigit() and is_valid("0" + number):
            number = row.key = "0" + number
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

    def _check_names(self, row: NGORow, raw: dict) -> None:
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

    def _check_legal_form(self, row: NGORow, text: str) -> None:
        legal_form = self.legal_forms.get(text)
        if legal_form is None:
            row.error(self.column("legal_form"), "legal_form_unknown", value=text)
        else:
            row.values["legal_form_id"] = legal_form.pk

    def _check_region(self, row: NGORow, text: str) -> None:
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

    def _check_date(self, row: NGORow, value) -> None:
        column = self.column("registered_on")
        day = value if isinstance(value, datetime.date) else None
        if day is None:
            parts = date_parts(value)
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
        mismatch = row.key and is_valid(row.key) and bin_month(row.key) != day.replace(day=1)
        if mismatch and not row.refused:  # a row refused for its BIN needs no second reason
            month = f"{row.key[2:4]}.{bin_month(row.key).year}"
            row.error(column, "date_not_bin_month", bin_month=month, date=day.strftime("%d.%m.%Y"))
            return
        row.values["registered_on"] = day

    def _check_areas(self, row: NGORow, text: str) -> None:
        found = set()
        for name in filter(None, (part.strip() for part in re.split(r"[,;\n]+", text))):
            area = self.areas.get(name)
            if area is None:
                row.warn(self.column("activity_areas"), "area_unknown", value=name)
            else:
                found.add(area.pk)
        if found:
            row.areas = found

    def _check_head(self, row: NGORow, text: str) -> None:
        self._check_text(row, "head_name", text)

    def _check_phone(self, row: NGORow, text: str) -> None:
        self._check_text(row, "phone", text)

    def _check_email(self, row: NGORow, text: str) -> None:
        try:
            validate_email(text)
        except ValidationError:
            row.warn(self.columns["email"], "email_invalid", value=text)
            return
        self._check_text(row, "email", text)

    def _check_text(self, row: NGORow, key: str, text: str) -> None:
        value = " ".join(text.split())
        limit = NGO._meta.get_field(key).max_length
        if len(value) > limit:
            row.warn(self.columns[key], "text_too_long", limit=limit)
        else:
            row.values[key] = value

    def require_for_new(self, row: NGORow) -> None:
        """A new NGO needs a name, a legal form and a region; an update needs none of them."""
        if not any(key in row.values for key in NAME_FIELDS):
            row.error(self.name_column(), "new_needs_name")
        if "legal_form_id" not in row.values:
            row.error(self.column("legal_form"), "new_needs_legal_form")
        if "region_id" not in row.values:
            row.error(self.column("region"), "new_needs_region")

    def check_scope(self, row: NGORow, ngo: NGO) -> None:
        """Nothing about an NGO outside the official's scope is told, not even its region."""
        if self.scope is not None and ngo.region_id not in self.scope:
            row.error(self.column("bin"), "ngo_out_of_scope")


# Planning and writing ---------------------------------------------------------------------------


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


class NGORegisterImport(TabularImport):
    """The NGO register as ministries and akimats send it (the policy: this module's docstring).

    Every decision is made before anything is written: `new`, `changed` and `area_links` hold
    what `write` does to the register.
    """

    kind = "registry.ngos"
    headers = HEADERS
    required = ("bin",)

    def prepare(self, reader) -> None:
        self.checker = RowChecker(reader.columns, region_scope(self.job.created_by))
        self.new: list[NGO] = []
        self.changed: list[tuple[NGO, frozenset[str]]] = []
        self.area_links: list[tuple[NGO, set[int]]] = []

    def check(self, line: int, raw: dict) -> NGORow:
        return self.checker.check(line, raw)

    def decide(self, rows: list[NGORow]) -> None:
        ngos, areas = _existing([row.key for row in rows if not row.refused])
        for row in rows:
            ngo = None if row.refused else ngos.get(row.key)
            if ngo is not None:
                self.checker.check_scope(row, ngo)
            elif not row.refused:
                self.checker.require_for_new(row)
            if row.refused:
                action = None
            elif ngo is None:
                action = self._create(row)
            else:
                action = self._update(row, ngo, areas[ngo.pk])
            self.report.add(row, action)

    def _create(self, row: NGORow) -> str:
        ngo = NGO(
            bin=row.key, status=NGO.Status.VERIFIED, status_changed_at=timezone.now(), **row.values
        )
        self.new.append(ngo)
        if row.areas:
            self.area_links.append((ngo, row.areas))
        return CREATE

    def _update(self, row: NGORow, ngo: NGO, current_areas: set[int]) -> str:
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

    def write(self) -> None:
        """All the writes of one file, with history, in the run's transaction.

        Updates are upserts on the BIN (INSERT … ON CONFLICT DO UPDATE of the changed columns
        only), many times faster than bulk_update's CASE per row. Their history is taken first
        because the insert half stamps a new created_at on the objects in memory (the row keeps
        its own).
        """
        history = {
            "batch_size": WRITE_BATCH,
            "default_user": self.job.created_by,
            "default_change_reason": f"register import #{self.job.pk}",
        }
        NGO.objects.bulk_create(self.new, batch_size=WRITE_BATCH)
        NGO.history.bulk_history_create(self.new, **history)
        changed = [ngo for ngo, _fields in self.changed]
        NGO.history.bulk_history_create(changed, update=True, **history)
        groups = defaultdict(list)
        for ngo, fields in self.changed:
            groups[fields].append(ngo)
        for fields, ngos in groups.items():
            NGO.objects.bulk_create(
                ngos,
                batch_size=WRITE_BATCH,
                update_conflicts=True,
                unique_fields=["bin"],
                update_fields=sorted(fields),
            )
        links = NGO.activity_areas.through
        links.objects.filter(ngo_id__in=[ngo.pk for ngo, _areas in self.area_links]).delete()
        links.objects.bulk_create(
            [
                links(ngo_id=ngo.pk, activityarea_id=area_id)
                for ngo, area_ids in self.area_links
                for area_id in sorted(area_ids)
            ],
            batch_size=5 * WRITE_BATCH,
        )
        public_data_changed()  # bulk writes send no signals


def run_import(job: ImportJob) -> None:
    """Run a register job's dry run or real import (see TabularImport.run)."""
    NGORegisterImport(job).run()


def start_import(file, user, dry_run: bool) -> ImportJob:
    """Store a checked register upload as a job; its run is queued once the row is committed."""
    return jobs.start(NGORegisterImport, file, user, dry_run)


start_real_run = jobs.start_real_run
refused_rows = jobs.refused_rows
