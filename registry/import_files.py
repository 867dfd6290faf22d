"""Reading register files (CSV or XLSX) within limits checked before the content is read.

An official's upload must not be able to take the server down: a workbook is refused by the sizes
its zip directory declares before anything is unpacked, by the rows and columns its sheet
declares, and while reading by the rows, columns and cell lengths actually found. The limits are
settings (IMPORT_MAX_*) and every refusal names the limit.

The first row of a register is its header; `RegisterReader` recognises its columns (HEADERS) and
yields the data rows. Line 1 is the first row after the header (Excel numbers it 2).
"""

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from openpyxl.utils import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from .import_report import message

EXTENSIONS = (".csv", ".xlsx")
DELIMITERS = (";", ",", "\t")

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

# Kazakh letters as a Windows-1251 spreadsheet writes them (cp1251 has none of them).
CP1251_SPELLING = str.maketrans("әіңғүұқөһӘІҢҒҮҰҚӨҺ", "аингуукохАИНГУУКОХ")


def fold(text) -> str:
    """Lower case, ё→е, Kazakh letters → nearest Russian, punctuation → one space."""
    text = str(text).translate(CP1251_SPELLING).lower().replace("ё", "е")
    return " ".join(re.findall(r"\w+", text))


class ImportFileError(Exception):
    """The file as a whole cannot be imported: a message code and its parameters."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return message(self.code, self.params)


def limits() -> dict[str, int]:
    return {
        "rows": settings.IMPORT_MAX_ROWS,
        "columns": settings.IMPORT_MAX_COLUMNS,
        "cell": settings.IMPORT_MAX_CELL_CHARS,
        "unpacked": settings.IMPORT_MAX_UNPACKED_BYTES,
    }


class RegisterReader:
    """The rows of a register file: iterating yields (data row, {column key: cell value}).

    `columns` maps each recognised column key to its title as written in the file, so reports
    name columns the way the official sees them; `ignored` lists the titles not recognised;
    `header` is the first row as written and `delimiter` the CSV separator (None for XLSX).
    """

    def __init__(self, rows, delimiter=None, headers=None, required=("bin",)):
        self.limits = limits()
        headers = HEADERS if headers is None else headers
        self._keys = {fold(title): key for key, titles in headers.items() for title in titles}
        self.delimiter = delimiter
        self._rows = iter(rows)
        header = next(self._rows, None)
        if header is None:
            raise ImportFileError("file_empty")
        if len(header) > self.limits["columns"]:
            raise ImportFileError(
                "too_many_columns", count=len(header), limit=self.limits["columns"]
            )
        self.header = [self._checked(0, position, cell) for position, cell in enumerate(header)]
        self._positions, self.columns, self.ignored = {}, {}, []
        for position, title in enumerate(self.header):
            self._add_column(position, str(title))
        for key in required:
            if key not in self.columns:
                if key == "bin":
                    raise ImportFileError("no_bin_column")
                raise ImportFileError("column_missing", column=headers[key][0])

    def _add_column(self, position: int, title: str) -> None:
        key = self._keys.get(fold(title))
        if key is None or key in self.columns:
            if title:
                self.ignored.append(title)
            return
        self._positions[key] = position
        self.columns[key] = title

    def _checked(self, line: int, position: int, raw):
        value = _cell(raw)
        if isinstance(value, str) and len(value) > self.limits["cell"]:
            raise ImportFileError(
                "cell_too_long",
                line=line,
                column=position + 1,
                length=len(value),
                limit=self.limits["cell"],
            )
        return value

    def records(self):
        """(data row, every cell as written), within the limits; blank rows are skipped."""
        for line, cells in enumerate(self._rows, start=1):
            if line > self.limits["rows"]:
                raise ImportFileError("too_many_rows", limit=self.limits["rows"])
            if len(cells) > self.limits["columns"]:
                raise ImportFileError(
                    "too_many_columns", count=len(cells), limit=self.limits["columns"]
                )
            values = [self._checked(line, position, cell) for position, cell in enumerate(cells)]
            if any(value != "" for value in values):
                yield line, values

    def __iter__(self):
        for line, cells in self.records():
            values = {
                key: cells[position] if position < len(cells) else ""
                for key, position in self._positions.items()
            }
            if any(value != "" for value in values.values()):
                yield line, values


def parse_file(source, filename: str, headers=None, required=("bin",)) -> RegisterReader:
    """Read a file from a path or a binary file object, by the format its name says.

    `headers` maps each column key to the titles it is recognised by (the register's HEADERS
    by default); a file without a `required` column is refused.
    """
    if Path(filename).suffix.lower() == ".xlsx":
        return RegisterReader(_xlsx_rows(source), None, headers, required)
    text = _csv_text(source)
    delimiter = _delimiter(text)
    # Counted before the header is parsed, so a header of half a million titles is never built.
    columns = text.split("\n", 1)[0].count(delimiter) + 1
    if columns > settings.IMPORT_MAX_COLUMNS:
        raise ImportFileError("too_many_columns", count=columns, limit=settings.IMPORT_MAX_COLUMNS)
    return RegisterReader(_csv_rows(text, delimiter), delimiter, headers, required)


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


def check_workbook_sizes(source) -> None:
    """Refuse a workbook by what its zip directory declares, before anything is unpacked.

    zipfile never returns more bytes than a member declares (it fails the CRC instead), so the
    declared sizes bound what reading can produce.
    """
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError("not_xlsx") from exc
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise ImportFileError(
            "too_large_unpacked", size=filesizeformat(unpacked), limit=filesizeformat(limit)
        )


def _declared_size(sheet) -> tuple[int, int]:
    """Rows and columns the sheet's <dimension> declares (0, 0 when it declares none)."""
    try:
        dimension = sheet.calculate_dimension()
        min_col, min_row, max_col, max_row = range_boundaries(dimension)
    except (ValueError, TypeError):
        return 0, 0
    return (max_row or 0) - (min_row or 1) + 1, (max_col or 0) - (min_col or 1) + 1


def _xlsx_rows(source):
    check_workbook_sizes(source)
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ImportFileError("not_xlsx") from exc
    try:
        sheet = workbook.worksheets[0]
        rows, columns = _declared_size(sheet)
        if rows - 1 > settings.IMPORT_MAX_ROWS:
            raise ImportFileError("too_many_rows", limit=settings.IMPORT_MAX_ROWS)
        if columns > settings.IMPORT_MAX_COLUMNS:
            raise ImportFileError(
                "too_many_columns", count=columns, limit=settings.IMPORT_MAX_COLUMNS
            )
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_text(source) -> str:
    data = source.read() if hasattr(source, "read") else Path(source).read_bytes()
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError("not_csv")
    return text


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    return max(DELIMITERS, key=first_line.count)


def _csv_rows(text: str, delimiter: str):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        raise ImportFileError("csv_malformed", line=reader.line_num, error=str(exc)) from exc


def _decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) or else Windows-1251, what Excel writes on Russian Windows."""
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("not_text")


def validate_upload(file, headers=None, required=("bin",)) -> None:
    """Refuse what cannot be read before anything is stored: type, size, limits, and a header
    with the `required` columns among `headers` (the register's by default)."""
    name = file.name or ""
    if Path(name).suffix.lower() not in EXTENSIONS:
        raise ValidationError(message("wrong_type", {}), code="type")
    limit = settings.MAX_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError(
            message(
                "too_large", {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
            ),
            code="size",
        )
    try:
        parse_file(file, name, headers, required)
    except ImportFileError as exc:
        raise ValidationError(exc.message, code=exc.code) from exc
    finally:
        file.seek(0)
