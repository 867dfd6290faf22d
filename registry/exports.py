"""Exports of the public directory that never hold the whole result in memory."""

import csv
import datetime
import re
import tempfile
import time

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from config.middleware import client_ip

CHUNK = 2000


class Echo:
    """A file-like object whose write() hands the line back, for a streaming csv.writer."""

    def write(self, value):
        return value


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")  # -5 or +7 is a number, -1-1 a formula
# A formula character after a separator: Excel opening the file with that separator would start
# a new cell there (`https://x.kz/;=HYPERLINK(...)`), so it is neutralised too.
INNER_FORMULA = re.compile(r"([;,\t\r\n]\s*)([=+\-@])")
SEPARATORS = {";": ";", ",": ","}


def over_limit(request) -> bool:
    """A whole-register export is heavy: each client gets EXPORTS_PER_MINUTE of them."""
    ident = request.user.pk if request.user.is_authenticated else client_ip(request)
    key = f"exports:{ident}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=60)
    return cache.incr(key) > settings.EXPORTS_PER_MINUTE


def cell(value) -> str:
    """Text a spreadsheet shows as text, whichever separator it splits the line on.

    A leading =, +, -, @, tab or CR would make a formula, and so would one after a `;` or `,`
    when Excel splits the line there; an apostrophe before it keeps it text (OWASP's advice).
    Fields are quoted as well (QUOTE_ALL), so Excel does not split inside them.
    """
    value = "" if value is None else str(value)
    value = INNER_FORMULA.sub(r"\1'\2", value)
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def separator(request) -> str | None:
    """The CSV separator asked for: `;` by default in kk and ru (what Excel opens there), `,` in
    English; None when the `sep` parameter is neither."""
    asked = request.GET.get("sep")
    if asked is None:
        return "," if request.LANGUAGE_CODE == "en" else ";"
    return SEPARATORS.get(asked)


def header() -> list[str]:
    return [
        _("BIN"),
        _("Name in Kazakh"),
        _("Name in Russian"),
        _("Name in English"),
        _("Legal form"),
        _("Region"),
        _("KATO code"),
        _("Registration date"),
        _("Status"),
        _("Activity areas"),
        _("Address"),
        _("Email"),
        _("Phone"),
        _("Website"),
    ]


def values(ngos):
    """The exported values of each NGO: text, and the registration date as a date."""
    ngos = ngos.select_related("region", "legal_form").prefetch_related("activity_areas")
    for ngo in ngos.iterator(chunk_size=CHUNK):
        yield (
            ngo.bin,
            ngo.name_kk or "",
            ngo.name_ru or "",
            ngo.name_en or "",
            str(ngo.legal_form),
            str(ngo.region),
            ngo.region.kato,
            ngo.registered_on,
            ngo.get_status_display(),
            ", ".join(str(a) for a in ngo.activity_areas.all()),
            ngo.address,
            ngo.email,
            ngo.phone,
            ngo.website,
        )


def csv_rows(ngos, delimiter: str = ";"):
    writer = csv.writer(Echo(), delimiter=delimiter, quoting=csv.QUOTE_ALL)
    yield "\ufeff"  # a BOM, so that Excel opens the UTF-8 file with the right letters
    yield writer.writerow([cell(title) for title in header()])
    for row in values(ngos):
        yield writer.writerow(
            [
                value.isoformat() if isinstance(value, datetime.date) else cell(value)
                for value in row
            ]
        )


def table_response(filename: str, header: list, rows, delimiter: str = ";"):
    """Any public table as a streamed CSV with the register's protections: a BOM for Excel, every
    field quoted, formulas neutralised. Apps' open-data tables use this one writer."""
    writer = csv.writer(Echo(), delimiter=delimiter, quoting=csv.QUOTE_ALL)

    def lines():
        yield "\ufeff"
        yield writer.writerow([cell(title) for title in header])
        for row in rows:
            yield writer.writerow(
                [
                    value.isoformat() if isinstance(value, datetime.date) else cell(value)
                    for value in row
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_cell(sheet, value):
    """Dates as dates (dd.mm.yyyy), text always as text: openpyxl makes `=…` a formula."""
    written = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date):
        written.number_format = "DD.MM.YYYY"
    elif value is not None:
        written.value = str(value)
        written.data_type = "s"
    return written


def xlsx_response(ngos, filename: str) -> FileResponse:
    """openpyxl's write-only mode streams rows to a temporary file, served in chunks."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("NGOs"))
    sheet.freeze_panes = "A2"  # the header stays in view while scrolling
    sheet.append([_xlsx_cell(sheet, title) for title in header()])
    for row in values(ngos):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
