"""A statistics table: its columns, rows, chart and CSV (shared by the statistics and the
integrity flags)."""

from dataclasses import dataclass, field


@dataclass
class Column:
    code: str
    label: str
    numeric: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list]
    chart: str = "bar"  # bar: label and value columns below; column: over time
    chart_label: int = 1  # the column that names a bar
    chart_value: int = 2  # the column a bar measures
    link: tuple[str, str] | None = None  # (url name, text) of the app's own page
    note: str = ""
    extra: dict = field(default_factory=dict)

    def chart_rows(self) -> list[tuple[str, int]]:
        return [(str(row[self.chart_label]), row[self.chart_value] or 0) for row in self.rows]
