"""Re-import of an official's exported items: the registry's one import mechanism, this kind.

The file is the export (`staff.exports`) filled in: the code finds the item; status, progress,
note and evidence link are recorded through `services.record_progress` for each changed row,
so every line of the file leaves its public history row. Title, body and deadline are read but
not changed (a deadline moves one by one, with its reason). A row is refused, by line, for an
unknown code, another body's item, a progress outside 0–100, an unknown status, a status of not
implemented or rejected without a note, an invalid link, or a code already in the file.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.import_files import fold
from registry.import_report import add_messages
from registry.imports import UNCHANGED, UPDATE, CheckedRow, TabularImport

from .. import permissions, services
from ..models import Item

KIND = "accountability.items"

add_messages(
    {
        "item_code_empty": _("The code is empty."),
        "item_unknown": _("No item has the code %(item)s."),
        "item_other_body": _(
            "The item %(item)s is of another state body; you update only your body's items."
        ),
        "item_duplicate": _("The code %(item)s is already in row %(line)d; only that row counts."),
        "item_progress_range": _(
            "Progress is a whole number of per cent from 0 to 100; “%(value)s” is not."
        ),
        "item_status_unknown": _("Unknown status “%(value)s”."),
        "item_note_required": _("Say why the item is not implemented or rejected: give a note."),
        "item_link_invalid": _("“%(value)s” is not a valid web address."),
        "item_computed": _(
            "The progress of %(item)s is computed from its parts; update them instead."
        ),
    }
)

# The export's column titles in the three languages (and the status names a person may type).
HEADERS = {
    "code": ("Code", "Коды", "Код"),
    "title": ("Title", "Атауы", "Название"),
    "body": ("Responsible body", "Жауапты орган", "Ответственный орган"),
    "deadline": ("Deadline", "Мерзімі", "Срок"),
    "status": ("Status", "Мәртебесі", "Статус"),
    "progress": ("Progress, %", "Орындалуы, %", "Выполнение, %"),
    "note": ("Note", "Ескертпе", "Ескерту", "Примечание"),
    "evidence_url": ("Evidence link", "Дәлелге сілтеме", "Ссылка на доказательство"),
}
STATUS_NAMES = {
    Item.Status.PLANNED: ("Planned", "Жоспарланған", "Запланировано", "Запланирован"),
    Item.Status.IN_PROGRESS: ("In progress", "Орындалуда", "Выполняется"),
    Item.Status.IMPLEMENTED: ("Implemented", "Орындалды", "Выполнено", "Выполнен"),
    Item.Status.PARTLY: ("Partly implemented", "Ішінара орындалды", "Выполнено частично"),
    Item.Status.NOT_IMPLEMENTED: ("Not implemented", "Орындалмады", "Не выполнено"),
    Item.Status.REJECTED: ("Rejected", "Қабылданбады", "Отклонено"),
}
STATUSES = {
    fold(name): status for status, names in STATUS_NAMES.items() for name in (status.value, *names)
}


def parse_progress(value: str):
    text = value.replace("%", "").replace(",", ".").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and 0 <= number <= 100 else None


class ItemProgressImport(TabularImport):
    kind = KIND
    headers = HEADERS
    required = ("code",)

    def prepare(self, reader) -> None:
        from django.contrib.auth.models import AnonymousUser

        self.user = self.job.created_by or AnonymousUser()  # an uploader since deleted: no rights
        self.seen: dict[str, int] = {}
        self.updates: list[tuple[Item, dict]] = []

    def check(self, line: int, raw: dict) -> CheckedRow:
        code = str(raw.get("code") or "").strip()
        row = CheckedRow(line, key=code)
        if not code:
            row.error(self.column("code"), "item_code_empty")
            return row
        if code in self.seen:
            row.error(self.column("code"), "item_duplicate", item=code, line=self.seen[code])
        else:
            self.seen[code] = line
        status = str(raw.get("status") or "").strip()
        if status:
            if fold(status) in STATUSES:
                row.values["status"] = STATUSES[fold(status)]
            else:
                row.error(self.column("status"), "item_status_unknown", value=status)
        progress = str(raw.get("progress") or "").strip()
        if progress:
            row.values["progress"] = parse_progress(progress)
            if row.values["progress"] is None:
                row.error(self.column("progress"), "item_progress_range", value=progress)
        row.values["note"] = str(raw.get("note") or "").strip()
        link = str(raw.get("evidence_url") or "").strip()
        if link:
            try:
                row.values["evidence_url"] = forms.URLField(max_length=500).clean(link)
            except forms.ValidationError:
                row.error(self.column("evidence_url"), "item_link_invalid", value=link)
        return row

    def decide(self, rows: list[CheckedRow]) -> None:
        codes = [row.key for row in rows if row.key]
        items = {
            item.code: item
            for item in Item.objects.filter(code__in=codes).select_related("responsible_body")
        }
        mine = set(
            Item.objects.managed_by(self.user).filter(code__in=codes).values_list("pk", flat=True)
        )
        with_parts = set(
            Item.objects.filter(parent__code__in=codes).values_list("parent__code", flat=True)
        )
        for row in rows:
            item = items.get(row.key)
            if row.key and item is None:
                row.error(self.column("code"), "item_unknown", item=row.key)
            elif item is not None and item.pk not in mine:
                row.error(self.column("code"), "item_other_body", item=row.key)
            if row.refused:
                self.report.add(row, None)
                continue
            self.report.add(row, self._change(row, item, item.code in with_parts))

    def _change(self, row: CheckedRow, item: Item, has_parts: bool) -> str:
        values = row.values
        status = values.get("status", item.status)
        progress = values.get("progress")
        if has_parts and progress is not None and progress != item.progress:
            row.error(self.column("progress"), "item_computed", item=item.code)
            return UPDATE
        if has_parts:
            progress = None
        note, link = values["note"], values.get("evidence_url", "")
        if status != item.status and status in Item.NEEDS_NOTE and not note:
            row.error(self.column("note"), "item_note_required")
            return UPDATE
        same_progress = progress is None or progress == item.progress
        if status == item.status and same_progress and not (note or link):
            return UNCHANGED
        self.updates.append(
            (
                item,
                {
                    "status": status,
                    "progress": progress,
                    "note": note,
                    "evidence_url": link,
                },
            )
        )
        return UPDATE

    def write(self) -> None:
        for item, values in self.updates:
            services.record_progress(item, by=self.user, **values)


def visible_jobs(user):
    """An official's re-imports; administrators see everyone's."""
    from registry.models import ImportJob

    jobs = ImportJob.objects.filter(kind=KIND)
    return jobs if permissions.is_updater_of_all(user) else jobs.filter(created_by=user)
