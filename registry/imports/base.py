"""The generic import: a file of rows checked one by one, reported by line and column, written
all at once (or not at all on a dry run), with its progress kept on the job."""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import ClassVar

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from ..import_files import HEADERS, ImportFileError, parse_file
from ..models import ImportIssue, ImportJob, ImportRefusal

logger = logging.getLogger(__name__)

CHUNK_ROWS = 500  # rows checked between two progress updates
WRITE_BATCH = 1000

ERROR, WARNING = "error", "warning"
CREATE, UPDATE, UNCHANGED, REFUSE = "create", "update", "unchanged", "refuse"

# SQLSTATE classes worth another try: connection lost, serialization failure or deadlock,
# server shutting down, too many connections. Anything else would fail the same way again.
TRANSIENT_SQLSTATES = ("08", "40", "57P", "53300")


def sqlstate_of(exc: OperationalError) -> str | None:
    """The SQLSTATE code of the driver's error (psycopg 2 calls it pgcode, 3 sqlstate)."""
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)


def is_transient(exc: OperationalError) -> bool:
    """Whether a database error may pass by itself (retry) or will recur (fail the job)."""
    sqlstate = sqlstate_of(exc)
    return sqlstate is None or sqlstate.startswith(TRANSIENT_SQLSTATES)


@dataclass
class CheckedRow:
    """One data row turned into field values, with every fault found in it.

    `key` is the row's public identifier (a BIN, an item number), kept with its report lines.
    """

    line: int
    key: str = ""
    values: dict = field(default_factory=dict)
    issues: list[tuple[str, str, str, dict]] = field(default_factory=list)  # column, level, code

    @property
    def refused(self) -> bool:
        return any(issue[1] == ERROR for issue in self.issues)

    def error(self, column: str, code: str, **params) -> None:
        self.issues.append((column, ERROR, code, params))

    def warn(self, column: str, code: str, **params) -> None:
        self.issues.append((column, WARNING, code, params))


@dataclass
class Report:
    """What an import did or would do, by line: bounded, since every fault is counted by kind
    but only the first IMPORT_REPORT_FAULTS_PER_KIND of each kind are listed. Every refused row
    is kept with its errors, for the file of refused rows (bounded by IMPORT_MAX_ROWS)."""

    job_id: int
    per_kind: int = field(default_factory=lambda: settings.IMPORT_REPORT_FAULTS_PER_KIND)
    issues: list[ImportIssue] = field(default_factory=list)
    fault_counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    refusals: list[ImportRefusal] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys((CREATE, UPDATE, UNCHANGED, REFUSE), 0)
    )

    def note(self, line, column, level, code, params, key="", action="") -> None:
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
                    bin=key,
                    action=action,
                )
            )

    def add(self, row: CheckedRow, action: str | None) -> None:
        """Count the row under `action` (REFUSE when it has an error) and list its faults."""
        if row.refused:
            action = REFUSE
            reasons = [[c, code, params] for c, level, code, params in row.issues if level == ERROR]
            self.refusals.append(ImportRefusal(job_id=self.job_id, line=row.line, reasons=reasons))
        self.counts[action] += 1
        for column, level, code, params in row.issues:
            self.note(row.line, column, level, code, params, row.key, action)


class TabularImport:
    """One kind of import; a subclass names its columns and handles its rows.

    Subclasses set `kind` (stored on each ImportJob, so the job's worker finds the class),
    `headers` (column key → the titles it is recognised by, in kk/ru/en; matched ignoring case,
    punctuation and Kazakh letters) and `required` (keys without which the file is refused), and
    implement `check` (one row → CheckedRow), `decide` (a chunk of checked rows → report.add
    each with its action, remembering what to write) and `write` (all writes; never called on a
    dry run). `prepare` loads what the checks need once. The machinery reads the file within its
    limits, saves progress after each chunk, writes in one transaction and records any failure
    on the job.
    """

    kind: ClassVar[str] = ""
    headers: ClassVar[dict[str, tuple[str, ...]]] = HEADERS
    required: ClassVar[tuple[str, ...]] = ()
    chunk_rows: ClassVar[int] = CHUNK_ROWS
    kinds: ClassVar[dict[str, type["TabularImport"]]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.kind:
            TabularImport.kinds[cls.kind] = cls

    def __init__(self, job: ImportJob):
        self.job = job
        self.report = Report(job_id=job.pk)
        self.columns: dict[str, str] = {}

    def column(self, key: str) -> str:
        """The column's title as the file writes it; "@key" for a column the file lacks."""
        return self.columns.get(key) or f"@{key}"

    # What a subclass says ----------------------------------------------------------------------

    def prepare(self, reader) -> None:
        """Load what checking needs, once; `reader.columns` maps keys to the file's titles."""

    def check(self, line: int, raw: dict) -> CheckedRow:
        raise NotImplementedError

    def decide(self, rows: list[CheckedRow]) -> None:
        """Each row's fate: by default a valid row is to be created."""
        for row in rows:
            self.report.add(row, CREATE)

    def write(self) -> None:
        """All the writes of the file, in the transaction of the run."""

    # The machinery -----------------------------------------------------------------------------

    def read(self, source):
        return parse_file(source, self.job.original_name, self.headers, self.required)

    def run(self) -> None:
        """Run the job's dry run or real import; failures end up in the job, never half-saved.

        A transient database error (lost connection, deadlock) is raised again so the task can
        be retried from the start; every other failure is final and recorded on the job.
        """
        job = self.job
        self._start()
        try:
            with job.file.open("rb") as source:
                reader = self.read(source)
                rows = list(reader)
            job.total_rows = len(rows)
            ImportJob.objects.filter(pk=job.pk).update(total_rows=job.total_rows)
            self.columns = reader.columns
            self.prepare(reader)
            for title in reader.ignored:
                self.report.note(0, title, WARNING, "column_ignored", {})
            for start in range(0, len(rows), self.chunk_rows):
                chunk = rows[start : start + self.chunk_rows]
                self.decide([self.check(line, raw) for line, raw in chunk])
                ImportJob.objects.filter(pk=job.pk).update(processed_rows=start + len(chunk))
            with transaction.atomic():
                if not job.dry_run:
                    self.write()
                self._finish()
        except ImportFileError as exc:
            self._fail(exc.code, **exc.params)
        except IntegrityError:
            logger.exception("Import %s collided with another change", job.pk)
            self._fail("collision")
        except OperationalError as exc:
            if is_transient(exc):
                raise
            logger.exception("Import %s refused by the database", job.pk)
            self._fail("database", error=sqlstate_of(exc) or "")
        except Exception as exc:
            logger.exception("Import %s failed", job.pk)
            self._fail("unexpected", error=exc.__class__.__name__)

    def _start(self) -> None:
        job = self.job
        job.status = ImportJob.Status.RUNNING
        job.processed_rows = job.total_rows = 0
        job.created_count = job.updated_count = job.refused_count = 0
        job.fault_counts, job.error_code, job.error_params, job.finished_at = {}, "", {}, None
        job.save()
        job.issues.all().delete()
        job.refusals.all().delete()

    def _finish(self) -> None:
        job, report = self.job, self.report
        job.status = ImportJob.Status.DONE
        job.processed_rows = job.total_rows
        job.created_count = report.counts[CREATE]
        job.updated_count = report.counts[UPDATE]
        job.refused_count = report.counts[REFUSE]
        job.fault_counts = dict(report.fault_counts)
        job.finished_at = timezone.now()
        job.save()
        ImportIssue.objects.bulk_create(report.issues, batch_size=WRITE_BATCH)
        ImportRefusal.objects.bulk_create(report.refusals, batch_size=WRITE_BATCH)

    def _fail(self, code: str, **params) -> None:
        job = self.job
        job.status = ImportJob.Status.FAILED
        job.error_code, job.error_params = code, params
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error_code", "error_params", "finished_at"])
