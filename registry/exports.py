"""Exports of the public directory that never hold the whole result in memory."""

import re
import tempfile
import time

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from config.middleware import client_ip

CHUNK = 2000


class Echo:
    """A file-like object whose write() hands the line back, for a streaming csv.writer."""

    def write(self, value):
        return value


PLAIN_NUMBER = re.compile(r"^[+-]?[\d\s().-]+$")  # amounts, phone numbers like +7 (701) 000


def over_limit(request) -> bool:
    """A whole-register export is heavy: each client gets EXPORTS_PER_MINUTE of them."""
    ident = request.user.pk if request.user.is_authenticated else client_ip(request)
    key = f"exports:{ident}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=60)
    return cache.incr(key) > settings.EXPORTS_PER_MINUTE


def cell(value) -> str:
    """Text a spreadsheet shows as text: a leading =, +, -, @ could make it a formula."""
    value = "" if value is None else str(value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


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


def rows(ngos):
    ngos = ngos.select_related("region", "legal_form").prefetch_related("activity_areas")
    for ngo in ngos.iterator(chunk_size=CHUNK):
        values = (
            ngo.bin,
            ngo.name_kk or "",
            ngo.name_ru or "",
            ngo.name_en or "",
            str(ngo.legal_form),
            str(ngo.region),
            ngo.region.kato,
            ngo.registered_on.isoformat() if ngo.registered_on else "",
            ngo.get_status_display(),
            ", ".join(str(a) for a in ngo.activity_areas.all()),
            ngo.address,
            ngo.email,
            ngo.phone,
            ngo.website,
        )
        yield [cell(value) for value in values]


def csv_rows(ngos, writer):
    yield "\ufeff"  # a BOM, so that Excel opens the UTF-8 file with the right letters
    yield writer.writerow(header())
    for row in rows(ngos):
        yield writer.writerow(row)


def xlsx_response(ngos, filename: str) -> FileResponse:
    """openpyxl's write-only mode streams rows to a temporary file, served in chunks."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("NGOs"))
    sheet.append(header())
    for row in rows(ngos):
        sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
