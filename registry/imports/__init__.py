"""One import mechanism for every file of rows an official uploads (CSV or XLSX).

What it gives: reading within limits, columns recognised by their kk/ru/en titles
(`registry.import_files`), a check of every row with faults reported by line and column
(stored as message codes, translated when read: `registry.import_report`), a dry run that
writes nothing, and a job with progress that a worker runs once (`ImportJob`, `ImportIssue`,
`ImportRefusal`; the job's `kind` names the import). The NGO register
(`registry.importer.NGORegisterImport`) is one kind; another app adds its own:

    from registry.imports import CREATE, UPDATE, CheckedRow, TabularImport, jobs

    class ActionPlanImport(TabularImport):
        kind = "accountability.items"       # stored on the job; unique
        headers = {                          # key -> titles it is recognised by
            "number": ("Номер", "Нөмірі", "Number"),
            "progress": ("Прогресс, %", "Орындалуы, %", "Progress, %"),
        }
        required = ("number",)               # a file without it is refused as a whole

        def prepare(self, reader):           # once: load what the checks need
            self.items = {...}; self.updates = []

        def check(self, line, raw) -> CheckedRow:   # one row, faults by column
            row = CheckedRow(line, key=raw["number"])
            if not 0 <= int(raw["progress"]) <= 100:   # self.column: the title as in the file
                row.error(self.column("progress"), "progress_out_of_range", value=raw["progress"])
            return row

        def decide(self, rows):              # a chunk of checked rows: their fate
            for row in rows:
                ...; self.report.add(row, UPDATE)   # a row with an error counts as refused

        def write(self):                     # every write, one transaction; never on a dry run
            Item.objects.bulk_update(self.updates, [...])

    job = jobs.start(ActionPlanImport, uploaded_file, user, dry_run=True)   # queued on commit
    jobs.start_real_run(job, user)          # after the official has read the dry run
    jobs.refused_rows(job)                  # the refused rows with their reasons, to correct

Import the module that defines the subclass in the app's AppConfig.ready(), so a worker finds
the kind. The codes of a kind's own faults get their translated texts from
`registry.import_report.add_messages({"progress_out_of_range": _("…%(value)s…")})`, called next
to the class. Show a job's report with `registry.imports.report.describe(job.issues.all())`; the
register's import pages (registry.import_views) list only jobs of the kind "registry.ngos".
"""

from . import jobs
from .base import (
    CREATE,
    ERROR,
    REFUSE,
    UNCHANGED,
    UPDATE,
    WARNING,
    CheckedRow,
    Report,
    TabularImport,
)

__all__ = [
    "CREATE",
    "ERROR",
    "REFUSE",
    "UNCHANGED",
    "UPDATE",
    "WARNING",
    "CheckedRow",
    "Report",
    "TabularImport",
    "jobs",
]
