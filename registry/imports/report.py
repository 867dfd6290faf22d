"""An import's report as its reader sees it: each stored line's message and column title."""

from ..import_report import column_title, message, region_codes
from ..models import Region


def describe(issues) -> list:
    """Give each stored issue its message and column title in the active language."""
    issues = list(issues)
    regions = Region.objects.names(code for issue in issues for code in region_codes(issue.params))
    for issue in issues:
        issue.message = message(issue.code, issue.params, regions)
        issue.column_title = column_title(issue.column)
    return issues
