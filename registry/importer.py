"""Bulk import of the NGO registers that ministries and akimats send as CSV or XLSX files.

Reading. The first row of a register is its header. Columns are recognised by their Kazakh,
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
and the ImportJob keeps the file and the full report.
"""

import csv
import datetime
import io
import logging
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, OperationalError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils.exceptions import InvalidFileException

from .bin import compact, is_valid, validate_bin
from .models import NGO, ActivityArea, ImportJob, LegalForm, Region, scope_regions

logger = logging.getLogger(__name__)

EXTENSIONS = (".csv", ".xlsx")
CHUNK_ROWS = 500  # rows checked between two progress updates
WRITE_BATCH = 1000

ERROR, WARNING = "error", "warning"
CREATE, UPDATE, UNCHANGED, REFUSE = "create", "update", "unchanged", "refuse"

NAME_FIELDS = ("name_kk", "name_ru", "name_en")

HEADERS = {
    "bin": (
        "БИН",
        "БСН",
        "BIN",
        "Бизнес-идентификационный номер",
        "Бизнес-сәйкестендіру нөмірі",
        "Business identification number",
    ),
    "name_kk": (
        "Атауы",
        "Ұйымның атауы",
        "Атауы (қазақ тілінде)",
        "Наименование (каз.)",
        "Наименование на казахском языке",
        "Name in Kazakh",
        "name_kk",
    ),
    "name_ru": (
        "Наименование",
        "Название",
        "Наименование организации",
        "Наименование (рус.)",
        "Наименование на русском языке",
        "Атауы (орыс тілінде)",
        "Name in Russian",
        "name_ru",
    ),
    "name_en": (
        "Name",
        "Organisation name",
        "Organization name",
        "Name in English",
        "Наименование на английском языке",
        "Атауы (ағылшын тілінде)",
        "name_en",
    ),
    "legal_form": ("Организационно-правовая форма", "ОПФ", "Ұйымдық-құқықтық нысаны", "Legal form"),
    "region": ("Регион", "Область", "Өңір", "Облыс", "Region", "Oblast"),
    "registered_on": (
        "Дата регистрации",
        "Дата государственной регистрации",
        "Тіркелген күні",
        "Registration date",
        "Registered on",
        "Date of registration",
    ),
    "activity_areas": (
        "Направления деятельности",
        "Сфера деятельности",
        "Қызмет бағыттары",
        "Activity areas",
        "Areas of activity",
    ),
    "head_name": ("Руководитель", "ФИО руководителя", "Басшысы", "Head", "Director"),
    "phone": ("Телефон", "Тел.", "Phone", "Telephone"),
    "email": ("Email", "E-mail", "Электронная почта", "Эл. почта", "Электрондық пошта"),
}

# Column names for messages about a column the file does not have.
COLUMN_LABELS = {
    "bin": gettext_lazy("BIN"),
    "name": gettext_lazy("Name"),
    "legal_form": gettext_lazy("Legal form"),
    "region": gettext_lazy("Region"),
}

# Words around a region's name that say what it is, not which one it is.
OBLAST_WORDS = {"область", "обл", "облысы", "облыс", "region", "oblast"}
CITY_WORDS = {"г", "город", "гор", "каласы", "кала", "city"}

# Kazakh letters as a Windows-1251 spreadsheet writes them (cp1251 has none of them).
_CP1251_SPELLING = str.maketrans("әіңғүұқөһӘІҢҒҮҰҚӨҺ", "аингуукохАИНГУУКОХ")


def fold(text) -> str:
    """Lower case, ё→е, Kazakh letters → nearest Russian, punctuation → one space."""
    text = str(text).translate(_CP1251_SPELLING).lower().replace("ё", "е")
    return " ".join(re.findall(r"\w+", text))


def _differs(current, new) -> bool:
    """Whether a file value changes the register; the cp1251 spelling of the same text does not."""
    if isinstance(current, str) and current.translate(_CP1251_SPELLING) == new:
        return False
    return current != new


_HEADER_KEYS = {fold(title): key for key, titles in HEADERS.items() for title in titles}


class ImportFileError(Exception):
    """The file as a whole cannot be read as a register; the message is already translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Reading ------------------------------------------------------------------------------------


class RegisterReader:
    """The rows of a register file: iterating yields (data row, {column key: cell value}).

    `columns` maps each recognised column key to its title as written in the file, so reports
    name columns the way the official sees them; `ignored` lists the titles not recognised.
    """

    def __init__(self, rows):
        self._rows = iter(rows)
        header = next(self._rows, None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        self._positions, self.columns, self.ignored = {}, {}, []
        for position, cell in enumerate(header):
            self._add_column(position, _cell(cell))
        if "bin" not in self.columns:
            raise ImportFileError(
                _("The first row must be the header with a BIN column (БСН, БИН or BIN).")
            )

    def _add_column(self, position: int, title: str) -> None:
        key = _HEADER_KEYS.get(fold(title))
        if key is None or key in self.columns:
            if title:
                self.ignored.append(title)
            return
        self._positions[key] = position
        self.columns[key] = title

    def __iter__(self):
        for line, cells in enumerate(self._rows, start=1):
            values = {
                key: _cell(cells[position]) if position < len(cells) else ""
                for key, position in self._positions.items()
            }
            if any(value != "" for value in values.values()):
                yield line, values


def parse_file(source, filename: str) -> RegisterReader:
    """Read a register from a path or a binary file object, by the format its name says."""
    if Path(filename).suffix.lower() == ".xlsx":
        return RegisterReader(_xlsx_rows(source))
    return RegisterReader(_csv_rows(source))


def _cell(value):
    """A cell as text, or as a date when the spreadsheet stored one."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(source):
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ImportFileError(_("This is not a readable Excel workbook (.xlsx).")) from exc
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_rows(source):
    data = source.read() if hasattr(source, "read") else Path(source).read_bytes()
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(_("This is not a CSV text file."))
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file is malformed at line %(line)d: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc


def _decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) or else Windows-1251, what Excel writes on Russian Windows."""
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        _("The file is neither UTF-8 nor Windows-1251 text; save it from Excel as “CSV UTF-8”.")
    )


def validate_upload(file) -> None:
    """Refuse what cannot be a register before anything is stored: type, size, readable header."""
    name = file.name or ""
    if Path(name).suffix.lower() not in EXTENSIONS:
        raise ValidationError(_("Upload the register as a .csv or .xlsx file."), code="type")
    limit = settings.MAX_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="size",
        )
    try:
        if name.lower().endswith(".xlsx") and not zipfile.is_zipfile(file):
            raise ImportFileError(_("This is not a readable Excel workbook (.xlsx)."))
        parse_file(file, name)
    except ImportFileError as exc:
        raise ValidationError(exc.message, code="unreadable") from exc
    finally:
        file.seek(0)


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
    issues: list[tuple[str, str, str]] = field(default_factory=list)  # column, level, message

    @property
    def refused(self) -> bool:
        return any(level == ERROR for _column, level, _message in self.issues)

    def error(self, column: str, message: str) -> None:
        self.issues.append((column, ERROR, message))

    def warn(self, column: str, message: str) -> None:
        self.issues.append((column, WARNING, message))


class RowChecker:
    """Checks rows against the BIN rules and the reference data, naming the column at fault."""

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
        return self.columns.get(key) or str(COLUMN_LABELS[key])

    def name_column(self) -> str:
        return next(
            (self.columns[key] for key in NAME_FIELDS if key in self.columns),
            str(COLUMN_LABELS["name"]),
        )

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
            row.error(column, _("The BIN is empty."))
            return
        if len(number) == 11 and number.isdigit() and is_valid("0" + number):
            number = row.bin = "0" + number
            row.warn(
                column,
                _(
                    "The BIN had 11 digits; the leading zero a spreadsheet drops was "
                    "restored: %(bin)s."
                )
                % {"bin": number},
            )
        elif number != written:
            row.warn(
                column,
                _("The BIN was written with spaces or separators; it was normalised to %(bin)s.")
                % {"bin": number},
            )
        try:
            validate_bin(number)
        except ValidationError as exc:
            row.error(column, " ".join(exc.messages))
            return
        first = self.first_row_of_bin.setdefault(number, row.line)
        if first != row.line:
            row.error(
                column,
                _("This BIN is already in row %(line)d; only the first row with a BIN is imported.")
                % {"line": first},
            )

    def _check_names(self, row: CheckedRow, raw: dict) -> None:
        present = [key for key in NAME_FIELDS if key in self.columns]
        for key in present:
            name = " ".join(raw[key].split())
            if len(name) > NGO._meta.get_field(key).max_length:
                row.error(
                    self.column(key),
                    _("The name is longer than %(limit)d characters.")
                    % {"limit": NGO._meta.get_field(key).max_length},
                )
            elif name:
                row.values[key] = name
        if present and not any(key in row.values for key in present):
            row.error(self.name_column(), _("The name is empty."))

    def _check_legal_form(self, row: CheckedRow, text: str) -> None:
        legal_form = self.legal_forms.get(text)
        if legal_form is None:
            row.error(
                self.column("legal_form"),
                _(
                    "Unknown legal form “%(value)s”; write its full name or an abbreviation "
                    "such as ОО, ОФ, ЧУ or ҚБ."
                )
                % {"value": text},
            )
        else:
            row.values["legal_form_id"] = legal_form.pk

    def _check_region(self, row: CheckedRow, text: str) -> None:
        column = self.column("region")
        found = self.regions.find(text)
        if len(found) != 1:
            message = (
                _("Unknown region “%(value)s”.")
                if not found
                else _("“%(value)s” could be several regions; write the full name.")
            )
            row.error(column, message % {"value": text})
            return
        region = self.regions.current(found[0])
        if region is None:
            row.error(
                column,
                _("The region “%(value)s” no longer exists; write the current one.")
                % {"value": text},
            )
            return
        if region != found[0]:
            row.warn(column, self._former_region_message(text, found[0], region))
        if self.scope is not None and region.pk not in self.scope:
            row.error(
                column,
                _("%(region)s is outside the regions you are responsible for.")
                % {"region": region},
            )
        row.values["region_id"] = region.pk

    def _former_region_message(self, text: str, former: Region, region: Region) -> str:
        message = _(
            "“%(value)s” is a former region; the NGO is recorded in its successor, %(region)s."
        ) % {"value": text, "region": region}
        split_offs = ", ".join(str(r) for r in self.regions.split_offs(former))
        if split_offs:
            message += " " + _("Correct the row if the NGO is in %(regions)s.") % {
                "regions": split_offs
            }
        return message

    def _check_date(self, row: CheckedRow, value) -> None:
        column = self.column("registered_on")
        day = value if isinstance(value, datetime.date) else None
        if day is None:
            parts = _date_parts(value)
            if parts is None:
                row.error(
                    column,
                    _("“%(value)s” is not a date; write it as DD.MM.YYYY.") % {"value": value},
                )
                return
            try:
                day = datetime.date(*parts)
            except ValueError:
                row.error(column, _("“%(value)s” is not a real calendar date.") % {"value": value})
                return
        if day > timezone.localdate():
            row.error(
                column, _("The registration date %(value)s is in the future.") % {"value": value}
            )
            return
        row.values["registered_on"] = day

    def _check_areas(self, row: CheckedRow, text: str) -> None:
        found = set()
        for name in filter(None, (part.strip() for part in re.split(r"[,;\n]+", text))):
            area = self.areas.get(name)
            if area is None:
                row.warn(
                    self.column("activity_areas"),
                    _("Unknown activity area “%(value)s” was left out.") % {"value": name},
                )
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
            row.warn(
                self.columns["email"],
                _("“%(value)s” is not an email address; it was left out.") % {"value": text},
            )
            return
        self._check_text(row, "email", text)

    def _check_text(self, row: CheckedRow, key: str, text: str) -> None:
        value = " ".join(text.split())
        limit = NGO._meta.get_field(key).max_length
        if len(value) > limit:
            row.warn(
                self.columns[key],
                _("Longer than %(limit)d characters; it was left out.") % {"limit": limit},
            )
        else:
            row.values[key] = value

    def require_for_new(self, row: CheckedRow) -> None:
        """A new NGO needs a name, a legal form and a region; an update needs none of them."""
        if not any(key in row.values for key in NAME_FIELDS):
            row.error(self.name_column(), _("A new NGO needs a name."))
        if "legal_form_id" not in row.values:
            row.error(self.column("legal_form"), _("A new NGO needs a legal form."))
        if "region_id" not in row.values:
            row.error(self.column("region"), _("A new NGO needs a region."))

    def check_scope(self, row: CheckedRow, ngo: NGO) -> None:
        if self.scope is not None and ngo.region_id not in self.scope:
            row.error(
                self.column("bin"),
                _(
                    "This NGO is registered in %(region)s, outside the regions you are responsible "
                    "for."
                )
                % {"region": self.regions.by_id[ngo.region_id]},
            )


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
    """What an import does to the register, worked out before anything is written."""

    report: list[dict] = field(default_factory=list)
    new: list[NGO] = field(default_factory=list)
    changed: list[tuple[NGO, frozenset[str]]] = field(default_factory=list)
    area_links: list[tuple[NGO, set[int]]] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys((CREATE, UPDATE, UNCHANGED, REFUSE), 0)
    )

    def add(self, row: CheckedRow, ngo: NGO | None, current_areas: set[int]) -> None:
        if row.refused:
            action = REFUSE
        elif ngo is None:
            action = self._create(row)
        else:
            action = self._update(row, ngo, current_areas)
        self.counts[action] += 1
        self.report += [
            {
                "line": row.line,
                "column": column,
                "level": level,
                "message": message,
                "bin": row.bin,
                "action": action,
            }
            for column, level, message in row.issues
        ]

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


def _plan(job: ImportJob, reader: RegisterReader, rows: list) -> Plan:
    """Check every row and decide its fate, saving the progress after each chunk."""
    checker = RowChecker(reader.columns, region_scope(job.created_by))
    plan = Plan(
        report=[
            {
                "line": 0,
                "column": title,
                "level": WARNING,
                "bin": "",
                "action": "",
                "message": _("This column is not recognised and was ignored."),
            }
            for title in reader.ignored
        ]
    )
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


def _start(job: ImportJob) -> None:
    job.status = ImportJob.Status.RUNNING
    job.processed_rows = job.total_rows = 0
    job.created_count = job.updated_count = job.refused_count = 0
    job.report, job.error, job.finished_at = [], "", None
    job.save()


def _finish(job: ImportJob, plan: Plan) -> None:
    job.status = ImportJob.Status.DONE
    job.processed_rows = job.total_rows
    job.created_count = plan.counts[CREATE]
    job.updated_count = plan.counts[UPDATE]
    job.refused_count = plan.counts[REFUSE]
    job.report = plan.report
    job.finished_at = timezone.now()
    job.save()


def _fail(job: ImportJob, message: str) -> None:
    job.status = ImportJob.Status.FAILED
    job.error = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])


def run_import(job: ImportJob) -> None:
    """Run a job's dry run or real import; failures end up in job.error, never half-saved.

    A lost database connection is raised again so the task can be retried from the start.
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
        _fail(job, exc.message)
    except IntegrityError:
        logger.exception("Register import %s collided with another change", job.pk)
        _fail(
            job,
            _(
                "Someone changed the same NGOs while the file was being checked; nothing "
                "was saved. Run the import again."
            ),
        )
    except OperationalError:
        raise
    except Exception as exc:
        logger.exception("Register import %s failed", job.pk)
        _fail(
            job,
            _("The import stopped on an unexpected error (%(error)s); nothing was saved.")
            % {"error": exc.__class__.__name__},
        )


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


def _queue(job: ImportJob) -> None:
    from .tasks import import_register  # tasks imports this module

    language = translation.get_language()
    transaction.on_commit(lambda: import_register.delay(job.pk, language))
