"""Charts drawn on the server as SVG: no script, no library, and a table beside each one.

A chart is a picture of its table (the table is what a screen reader and a copy-paste use), so
the SVG is marked as an image with a title and is hidden from nothing: it has its own <title>.
"""

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 230
BAR_WIDTH = 420
VALUE_WIDTH = 130
MIN_WIDTH = 680
COLOURS = ("#00689d", "#f2b705", "#1e7d32", "#a15c00", "#6a4c93", "#b3261e")


def _short(label: str, limit: int = 30) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(key: str, title: str, rows: list[tuple[str, int]], unit: str = "") -> str:
    """Horizontal bars, one per (label, value), longest scaled to the full width."""
    largest = max((value for _label, value in rows), default=0) or 1
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP) + GAP
    bars = []
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(1, round(BAR_WIDTH * (value or 0) / largest)) if value else 0
        shown = number_format(value or 0, force_grouping=True) + (f" {unit}" if unit else "")
        bars.append(
            format_html(
                '<g><text x="{}" y="{}" text-anchor="end" font-size="13" fill="#1b1f23">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
                '<text x="{}" y="{}" font-size="13" fill="#1b1f23">{}</text></g>',
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT - 6,
                _short(label),
                LABEL_WIDTH,
                y,
                length,
                BAR_HEIGHT,
                COLOURS[0],
                label,
                shown,
                LABEL_WIDTH + length + 6,
                y + BAR_HEIGHT - 6,
                shown,
            )
        )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="chart-{}-title" viewBox="0 0 {} {}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-{}-title">{}</title>{}</svg>',
        key,
        width,
        height,
        key,
        title,
        mark_safe("".join(bars)),  # noqa: S308 - each bar built by format_html above
    )


def column_chart(key: str, title: str, rows: list[tuple[str, int]]) -> str:
    """Vertical columns over time (one per year), labels under every few columns."""
    largest = max((value for _label, value in rows), default=0) or 1
    count = max(1, len(rows))
    plot_height, base, step = 180, 200, max(8, min(40, 640 // count))
    width = max(MIN_WIDTH, 40 + count * step)  # a few years do not blow up to the page's width
    every = max(1, count // 12)
    columns = format_html_join(
        "",
        '<g><rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
        "{}</g>",
        (
            (
                30 + index * step,
                base - round(plot_height * (value or 0) / largest),
                step - 2,
                round(plot_height * (value or 0) / largest),
                COLOURS[0],
                label,
                number_format(value or 0, force_grouping=True),
                format_html(
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#1b1f23">'
                    "{}</text>",
                    30 + index * step + step // 2,
                    base + 14,
                    label,
                )
                if index % every == 0
                else "",
            )
            for index, (label, value) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="chart-{}-title" viewBox="0 0 {} 220" '
        'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-{}-title">{}</title>'
        '<line x1="28" y1="{}" x2="{}" y2="{}" stroke="#5a6470"/>{}</svg>',
        key,
        width,
        key,
        title,
        base,
        width,
        base,
        columns,
    )
