"""Each composition rule, shown on the council and kept as a flag that lists can filter."""

import datetime
from fractions import Fraction

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from councils import services
from councils.models import Council, Membership, Person, composition_of, refresh_flags
from councils.models.rules import CHAIR, CIVIL_SHARE, RENEWAL, SIZE, months_before, years_from
from registry.tests.factories import NGOFactory

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return factories.council()


@pytest.fixture
def secretary(council):
    return factories.secretary(council)


def test_a_council_within_every_rule_has_no_flag(council, secretary):
    factories.composed(council, secretary, civil=13, others=2)
    composition = composition_of(council)
    assert composition.members == 15
    assert composition.share_percent == "87%"
    assert composition.flags == []
    council.refresh_from_db()
    assert council.rule_flags == []


def test_civil_society_share_below_two_thirds_is_flagged(council, secretary):
    factories.composed(council, secretary, civil=9, others=6)
    composition = composition_of(council)
    assert CIVIL_SHARE in composition.codes
    message = next(f.message for f in composition.flags if f.code == CIVIL_SHARE)
    assert message == "Civil society holds 60% of the seats; at least 67% are required."
    council.refresh_from_db()
    assert council.rule_flags == [CIVIL_SHARE]
    assert list(Council.objects.out_of_rule()) == [council]


@override_settings(COUNCILS_CIVIL_SHARE_MIN=Fraction(1, 2))
def test_the_threshold_is_a_setting(council, secretary):
    factories.composed(council, secretary, civil=9, others=6)
    assert CIVIL_SHARE not in composition_of(council).codes


def test_a_public_council_chaired_by_an_official_is_flagged(council, secretary):
    factories.composed(council, secretary, civil=13, others=2, chair_civil=False)
    flag = next(f for f in composition_of(council).flags if f.code == CHAIR)
    assert "not from civil society" in flag.message


def test_a_consultative_body_has_no_public_council_rules(secretary):
    body = factories.council(kind=Council.Kind.CONSULTATIVE)
    body.secretaries.add(secretary)
    factories.composed(body, secretary, civil=2, others=3, chair_civil=False)
    assert composition_of(body).flags == []


def test_size_outside_the_legal_range_is_flagged(council, secretary):
    factories.composed(council, secretary, civil=10, others=2)
    flag = next(f for f in composition_of(council).flags if f.code == SIZE)
    assert flag.message == "12 members; the law sets 15 to 30."


def test_a_quasi_public_council_has_its_own_range(secretary):
    quasi = factories.council(level=Council.Level.QUASI_PUBLIC)
    quasi.secretaries.add(secretary)
    factories.composed(quasi, secretary, civil=10, others=2)
    assert SIZE not in composition_of(quasi).codes


@override_settings(COUNCILS_SIZE_RANGES={"ministry": (5, 12)})
def test_size_ranges_are_settings(council, secretary):
    factories.composed(council, secretary, civil=10, others=2)
    assert SIZE not in composition_of(council).codes


def test_renewal_due_two_months_before_the_term_ends_is_flagged(council, secretary):
    today = datetime.date.today()
    start, end = today - datetime.timedelta(days=1000), today + datetime.timedelta(days=40)
    members = [
        factories.member(council, secretary, start=start, end=end, role=role)
        for role in ["chair"] + ["member"] * 14
    ]
    flag = next(f for f in composition_of(council).flags if f.code == RENEWAL)
    assert "forming the new composition was due to start" in flag.message
    # The first member of the new composition is appointed: the flag goes.
    factories.member(council, secretary, start=end, end=years_from(end, 3))
    assert RENEWAL not in composition_of(council).codes
    council.refresh_from_db()
    assert RENEWAL not in council.rule_flags
    assert members


def test_months_before_keeps_the_day_or_the_month_end():
    assert months_before(datetime.date(2027, 4, 30), 2) == datetime.date(2027, 2, 28)
    assert months_before(datetime.date(2027, 1, 15), 2) == datetime.date(2026, 11, 15)


def test_flags_follow_the_dates_when_refreshed(council, secretary):
    factories.composed(council, secretary)
    term_end = council.memberships.first().term_end
    assert refresh_flags(today=term_end - datetime.timedelta(days=10)) == [council]
    council.refresh_from_db()
    assert RENEWAL in council.rule_flags


def test_a_second_member_from_the_same_ngo_is_refused(council, secretary):
    ngo = NGOFactory()
    factories.member(council, secretary, ngo=ngo, name="Aigerim Sadykova")
    with pytest.raises(services.CouncilError) as refused:
        factories.member(council, secretary, ngo=ngo)
    assert str(refused.value) == (
        f"{ngo.name} already has a member in this council (Aigerim Sadykova): at most one "
        "member per NGO."
    )
    assert council.memberships.count() == 1


def test_the_same_ngo_may_sit_in_the_next_composition(council, secretary):
    ngo = NGOFactory()
    first = factories.member(council, secretary, ngo=ngo)
    factories.member(
        council, secretary, ngo=ngo, start=first.term_end, end=datetime.date(2040, 1, 1)
    )
    assert council.memberships.filter(ngo=ngo).count() == 2


def test_the_database_refuses_a_second_member_from_the_same_ngo(council, secretary):
    first = factories.member(council, secretary)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            council=council,
            person=Person.objects.create(name="Bypass"),
            affiliation="civil_society",
            ngo=first.ngo,
            term_start=first.term_start,
            term_end=first.term_end,
        )


def test_overlapping_terms_of_one_person_are_refused(council, secretary):
    first = factories.member(council, secretary, name="Dana Bekova")
    with pytest.raises(services.CouncilError) as refused:
        services.add_member(
            council,
            secretary,
            person=first.person,
            affiliation="academia",
            term_start=first.term_end - datetime.timedelta(days=1),
            term_end=years_from(first.term_end, 3),
        )
    assert str(refused.value).startswith("Dana Bekova already has a term in this council from ")


def test_the_database_refuses_overlapping_terms(council, secretary):
    first = factories.member(council, secretary, affiliation="academia")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            council=council,
            person=first.person,
            affiliation="business",
            term_start=first.term_start + datetime.timedelta(days=5),
            term_end=first.term_end + datetime.timedelta(days=5),
        )


def test_one_person_sits_in_two_councils(council, secretary):
    other = factories.council()
    other.secretaries.add(secretary)
    first = factories.member(council, secretary, affiliation="academia")
    services.add_member(
        other,
        secretary,
        person=first.person,
        affiliation="academia",
        term_start=first.term_start,
        term_end=first.term_end,
    )
    assert first.person.memberships.count() == 2


def test_a_second_chair_is_refused(council, secretary):
    factories.member(council, secretary, role="chair")
    with pytest.raises(services.CouncilError, match="already has a chair"):
        factories.member(council, secretary, role="chair")


def test_a_term_that_ends_before_it_starts_is_refused(council, secretary):
    with pytest.raises(services.CouncilError, match="A term ends after it starts."):
        factories.member(
            council, secretary, start=datetime.date(2026, 5, 1), end=datetime.date(2026, 4, 1)
        )


def test_breaking_a_rule_tells_officials_of_the_body(council, secretary):
    from registry.models import Notification

    official = factories.body_official("mci")
    factories.member(council, secretary, role="chair")
    assert Notification.objects.filter(event="councils.out_of_rule", recipient=official).exists()


def test_each_change_of_members_leaves_a_history_row(council, secretary):
    membership = factories.member(council, secretary)
    services.end_term(membership, secretary, on=datetime.date.today())
    reasons = list(
        membership.history.order_by("history_date").values_list(
            "history_change_reason", "history_user"
        )
    )
    assert reasons == [("member added", secretary.pk), ("term ended", secretary.pk)]


def test_the_daily_task_flags_a_composition_due_and_tells_the_body(council, secretary):
    from registry.models import Notification

    today = datetime.date.today()
    official = factories.body_official("mci")
    factories.member(council, secretary, role="chair")
    Notification.objects.all().delete()
    council.memberships.update(term_end=today + datetime.timedelta(days=20))
    from councils.tasks import refresh_rule_flags

    assert refresh_rule_flags() == 1
    council.refresh_from_db()
    assert RENEWAL in council.rule_flags
    assert Notification.objects.filter(event="councils.out_of_rule", recipient=official).exists()
