from django.core.management import call_command

from registry.models import NGO
from tenders import stats
from tenders.models import Competition

# The 2003–2005 rounds as published: applications, applying NGOs, winners, tenge (domain.md).
PUBLISHED = {
    2003: (120, 109, 20, 10_700_000),
    2004: (142, 119, 20, 9_700_000),
    2005: (234, 165, 50, 59_700_000),
}


def _by(rows):
    return {(row.year, row.key): row for row in rows}


def test_demo_competitions_reproduce_the_published_figures(db):
    """One load (it is the size of a real year) and everything a reader checks against it, made
    by the command `make run` uses: the register, then each app's demo."""
    call_command("load_demo", ngos=300)

    years = _by(stats.table("year"))
    for year, figures in PUBLISHED.items():
        row = years[(year, None)]
        assert (row.applications, row.applicants, row.winners, row.awarded) == figures

    mechanisms = _by(stats.table("mechanism", 2025))
    assert mechanisms[(2025, "social_order")].winners == 2185
    assert mechanisms[(2025, "grant")].winners == 102
    assert mechanisms[(2025, "strategic_partnership")].winners == 5
    assert mechanisms[(2025, "award")].winners == 73 + 12 + 33
    assert sum(r.winners for r in mechanisms.values() if r.key != "award") == 2292

    # The published counts of a round cannot be split by activity area: a row of their own.
    areas = _by(stats.table("area", 2003))
    assert areas[(2003, stats.NOT_BROKEN_DOWN)].applications == 120
    assert sum(r.winners for r in areas.values()) == 20

    assert NGO.objects.filter(tender_awards__lot__competition__year=2003).exists()
    open_now = [c for c in Competition.objects.filter(status="accepting") if c.is_accepting()]
    assert len(open_now) >= 3

    counts = NGO.objects.count(), Competition.objects.count()
    call_command("load_demo", ngos=300)
    assert (NGO.objects.count(), Competition.objects.count()) == counts
