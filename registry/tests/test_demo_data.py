import datetime
from collections import Counter

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from accounts.models import User
from registry import reference
from registry.bin import is_valid
from registry.demo import PASSWORD, DemoRegister, create_register
from registry.demo.shares import SURVEYED_AREAS
from registry.models import (
    NGO,
    AnnualReport,
    Membership,
    Region,
    Representation,
    ResourceCentre,
    StateBody,
    report_year_due,
)

pytestmark = pytest.mark.django_db
DEMO_LOGINS = ["official@demo.kz", "ngo@demo.kz", "admin@demo.kz"]


@pytest.fixture
def demo_register():
    call_command("load_demo_data", ngos=300)


def last_year_filers():
    year = AnnualReport.objects.latest("year").year
    return AnnualReport.objects.submitted().filter(year=year).values("ngo")


def table_sizes():
    return [m.objects.count() for m in (NGO, AnnualReport, Membership, ResourceCentre, User)]


def test_creates_the_requested_ngos_with_valid_unique_bins_of_their_registration_month(
    demo_register,
):
    ngos = list(NGO.objects.all())
    assert len(ngos) == 300
    assert len({n.bin for n in ngos}) == 300
    assert all(is_valid(n.bin) for n in ngos)
    assert all(n.bin[:4] == n.registered_on.strftime("%y%m") for n in ngos)


def test_most_ngos_are_active_and_every_status_occurs(demo_register):
    statuses = Counter(NGO.objects.values_list("status", flat=True))
    assert 0.74 <= statuses[NGO.Status.ACTIVE] / 300 <= 0.82
    assert all(statuses[status] for status in NGO.Status.values)
    assert not NGO.objects.filter(status=NGO.Status.REJECTED, status_reason="").exists()


def test_every_ngo_is_named_in_three_languages(demo_register):
    for language in ("kk", "ru", "en"):
        assert not NGO.objects.filter(**{f"name_{language}": ""}).exists()
        assert not NGO.objects.filter(**{f"name_{language}__isnull": True}).exists()


def test_active_ngos_filed_for_last_year_and_passive_ones_did_not(demo_register):
    active = NGO.objects.filter(status=NGO.Status.ACTIVE)
    passive = NGO.objects.filter(status=NGO.Status.PASSIVE)
    assert active.exclude(pk__in=last_year_filers()).count() == 0
    assert passive.filter(pk__in=last_year_filers()).count() == 0
    assert AnnualReport.objects.values("year").distinct().count() >= 3


def test_some_reports_were_filed_late(demo_register):
    on_time = Counter(r.filed_on_time for r in AnnualReport.objects.submitted())
    assert on_time[True] > on_time[False] > 0


def test_umbrella_associations_have_members(demo_register):
    confederation = NGO.objects.get(name_en__contains="Confederation of NGOs of Kazakhstan")
    assert confederation.member_links.count() >= 3
    assert ResourceCentre.objects.count() >= 20


def test_demo_accounts_can_log_in(demo_register, client):
    for email in DEMO_LOGINS:
        request = RequestFactory().post("/")
        assert client.login(request=request, username=email, password=PASSWORD), email


def test_demo_official_and_representative_have_their_roles(demo_register):
    official = User.objects.get(email="official@demo.kz")
    assert official.has_role("ministry_official") and official.is_staff
    assert official in StateBody.objects.get(code="mci").officials.all()
    representation = Representation.objects.get(user__email="ngo@demo.kz")
    assert representation.status == Representation.Status.APPROVED
    assert representation.ngo.status == NGO.Status.ACTIVE


def test_a_second_run_creates_nothing(demo_register):
    before = table_sizes()
    call_command("load_demo_data", ngos=300)
    assert table_sizes() == before


def test_the_fast_load_leaves_the_search_indexes_and_name_words_in_place(demo_register, client):
    """The load drops the search indexes and builds them afresh: they are all there after it."""
    from django.db import connection

    from registry.models import SEARCH_INDEXES, NameWord

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'registry_ngo'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert {index.name for index in SEARCH_INDEXES} <= indexes
    named = Counter()
    for name in NGO.objects.public().values_list("name_ru", flat=True):
        named.update({w for w in name.lower().split() if len(w) >= 6 and w.isalpha()})
    word = min(named, key=lambda w: (named[w], w))  # in the fewest names
    ngo = NGO.objects.public().get(name_ru__icontains=f" {word}")
    assert NameWord.objects.filter(word=word.replace("ё", "е")).exists()
    page = client.get("/ru/ngos/", {"q": word})
    assert ngo.bin in page.content.decode()
    typo = word[:2] + word[3] + word[2] + word[4:]  # two letters swapped
    assert ngo.bin in client.get("/ru/ngos/", {"q": typo, "page_size": 100}).content.decode()


# A register a reader would believe, on any day of the year (issue 11)


@pytest.fixture(params=[datetime.date(2026, 2, 15), datetime.date(2026, 5, 15)], ids=["feb", "may"])
def register_on(request):
    create_register(400, seed=7, on=request.param)
    return request.param


def test_statuses_agree_with_the_year_due_on_that_day(register_on):
    due = report_year_due(register_on)
    covering = AnnualReport.objects.submitted().filter(year__gte=due).values("ngo")
    active = NGO.objects.filter(status=NGO.Status.ACTIVE)
    passive = NGO.objects.filter(status=NGO.Status.PASSIVE)
    assert active.count() > 250
    assert not active.exclude(pk__in=covering).exists()
    assert passive.exists() and not passive.filter(pk__in=covering).exists()
    assert not passive.filter(registered_on__year__gt=due).exists()
    assert not NGO.objects.due_to_become_passive(due).exists()
    assert not NGO.objects.due_to_become_active(due).exists()


def test_nothing_happens_after_that_day(register_on):
    end = datetime.datetime.combine(register_on, datetime.time(23, 59), tzinfo=datetime.UTC)
    reports = AnnualReport.objects.all()
    assert not reports.filter(year__gte=register_on.year).exists()
    assert not reports.filter(submitted_at__gt=end).exists()
    assert not Membership.objects.filter(joined_on__gt=register_on).exists()
    assert not NGO.objects.filter(registered_on__gt=register_on).exists()
    assert reports.order_by("year").first().year == 2016


def test_names_are_unique_and_name_only_regions_that_existed(register_on):
    for language in ("kk", "ru"):
        names = Counter(NGO.objects.values_list(f"name_{language}", flat=True))
        assert names.most_common(1)[0][1] == 1
    for region in Region.objects.current().filter(valid_from__isnull=False):
        older = NGO.objects.filter(region=region, registered_on__lt=region.valid_from)
        word = region.name_kk.split()[0]
        assert not older.filter(name_kk__contains=f"{word} облысының").exists(), region


def test_reports_say_how_the_money_was_spent(register_on):
    reports = list(AnnualReport.objects.submitted())
    assert all(r.total_expenses is not None for r in reports)
    overspent = sum(r.spent_more_than_received for r in reports) / len(reports)
    assert 0.02 < overspent < 0.2


def test_activity_area_shares_are_within_a_point_of_the_survey(db):
    register = DemoRegister(seed=3, taken_bins=set(), taken_names=set())
    draws = 40_000
    counts = Counter(code for _ in range(draws) for code in register.area_codes())
    for code, *_names, share in reference.ACTIVITY_AREAS:
        if code in SURVEYED_AREAS:
            assert abs(100 * counts[code] / draws - share) < 1, code


def test_the_explanation_of_a_status_matches_the_facts(demo_register):
    for ngo in NGO.objects.filter(status=NGO.Status.VERIFIED):
        if "no annual information filed yet" in ngo.public_status_explanation():
            assert not ngo.annual_reports.submitted().exists()
