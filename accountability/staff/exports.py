"""An official's items as CSV or XLSX, through the registry's protected writers.

The columns are the ones the re-import reads back: the code finds the item; status, progress,
note and evidence link are what the official fills in.
"""

import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from registry import exports

CHUNK = 2000


def header() -> list[str]:
    """In this app's own words (a context of their own), which `imports.HEADERS` reads back."""
    return [
        pgettext("items file", "Code"),
        pgettext("items file", "Title"),
        pgettext("items file", "Responsible body"),
        pgettext("items file", "Deadline"),
        pgettext("items file", "Status"),
        pgettext("items file", "Progress, %"),
        pgettext("items file", "Note"),
        pgettext("items file", "Evidence link"),
    ]


def values(items):
    """Status as its code (planned, in_progress, implemented, partly, not_implemented,
    rejected): the re-import reads it back whatever the language of the file."""
    for item in items.select_related("responsible_body").iterator(chunk_size=CHUNK):
        yield (
            item.code,
            item.title,
            item.responsible_body.code,
            item.deadline,
            item.status,
            item.progress,
            "",
            "",
        )


def csv_response(items, filename: str, delimiter: str):
    return exports.table_response(filename, header(), values(items), delimiter)


def xlsx_response(items, filename: str) -> FileResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Items"))
    sheet.freeze_panes = "A2"
    sheet.append([exports._xlsx_cell(sheet, title) for title in header()])
    for row in values(items):
        sheet.append([exports._xlsx_cell(sheet, value) for value in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
