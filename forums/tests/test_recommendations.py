"""Recommendations: proposed at events, merged with their origins, adopted into the plan."""

import datetime

import pytest

from accountability import services as accountability
from accountability.models import Item
from forums import services
from forums.models import Event, Recommendation, Section
from forums.tests.factories import event, forum, organiser
from registry.models import NGO, Notification, StateBody
from registry.tests.factories import NGOFactory, OfficialFactory

pytestmark = pytest.mark.django_db
DEADLINE = datetime.date(2026, 12, 31)


def proposals():
    """The same proposal from a regional forum and a sectoral meeting, and another."""
    xii = forum()
    almaty = event(forum=xii)
    sectoral = event(
        code="XII-S-mlsp",
        kind=Event.Kind.SECTORAL,
        forum=xii,
        ministry=StateBody.objects.get(code="mlsp"),
    )
    section = Section.objects.create(event=sectoral, position=1, title="Social services")
    ngo_a, ngo_b = NGOFactory(), NGOFactory()
    first = services.propose(
        almaty,
        title={"ru": "Упростить отчётность по грантам", "kk": "Гранттар есебін жеңілдету"},
        ngo=ngo_a,
    )
    second = services.propose(
        sectoral, title="Simplify grant reporting", section=section, ngo=ngo_b
    )
    other = services.propose(almaty, title="Open data on state social order")
    return xii, first, second, other, (almaty, sectoral, section, ngo_a, ngo_b)


def test_numbers_follow_the_forum():
    _xii, first, second, other, _rest = proposals()
    assert [first.code, second.code, other.code] == ["XII-0001", "XII-0002", "XII-0003"]


def test_merged_duplicates_keep_a_link_to_every_origin():
    _xii, first, second, _other, (almaty, sectoral, section, ngo_a, ngo_b) = proposals()
    staff = organiser()
    services.merge(first, [second], staff)
    second.refresh_from_db()
    assert second.status == Recommendation.Status.MERGED and second.merged_into == first
    origins = {(o.event, o.section, o.ngo) for o in first.origins.all()}
    assert origins == {(almaty, None, ngo_a), (sectoral, section, ngo_b)}
    with pytest.raises(services.ForumError, match="only proposals can be merged"):
        services.merge(first, [second], staff)


def test_adoption_makes_the_action_plan_item_and_tells_the_body():
    _xii, first, *_ = proposals()
    body = StateBody.objects.get(code="mlsp")
    official = OfficialFactory(body=body)
    services.adopt(first, responsible_body=body, deadline=DEADLINE, by=organiser())
    first.refresh_from_db()
    item = first.plan_item
    assert item.code == "XII-0001" and item.responsible_body == body
    assert item.deadline == DEADLINE and item.source == "forum"
    assert item.title_ru == "Упростить отчётность по грантам"
    assert item.status == Item.Status.PLANNED
    assert Notification.objects.filter(
        recipient=official, event="forums.recommendation_adopted", key="XII-0001"
    ).exists()
    with pytest.raises(services.ForumError, match="only a proposed recommendation"):
        services.adopt(first, responsible_body=body, deadline=DEADLINE, by=organiser())


def test_measures_nest_under_the_item_and_carry_its_progress():
    _xii, first, *_ = proposals()
    body = StateBody.objects.get(code="mlsp")
    staff = organiser()
    services.adopt(first, responsible_body=body, deadline=DEADLINE, by=staff)
    first.refresh_from_db()
    one = services.add_measure(first, title="Draft the new form", deadline=DEADLINE, by=staff)
    two = services.add_measure(first, title="Train the operators", deadline=DEADLINE, by=staff)
    assert [one.code, two.code] == ["XII-0001.1", "XII-0001.2"]
    official = OfficialFactory(body=body)
    accountability.record_progress(one, by=official, status=Item.Status.IMPLEMENTED)
    first.plan_item.refresh_from_db()
    assert first.plan_item.progress == 50


def test_progress_out_of_range_and_a_closing_status_without_a_note_are_refused():
    _xii, first, *_ = proposals()
    body = StateBody.objects.get(code="mlsp")
    services.adopt(first, responsible_body=body, deadline=DEADLINE, by=organiser())
    item = Recommendation.objects.get(pk=first.pk).plan_item
    official = OfficialFactory(body=body)
    with pytest.raises(accountability.AccountabilityError, match="from 0 to 100"):
        accountability.record_progress(item, by=official, progress=120)
    with pytest.raises(accountability.AccountabilityError, match="a note is required"):
        accountability.record_progress(item, by=official, status=Item.Status.REJECTED)
    item.refresh_from_db()
    assert item.progress == 0 and item.status == Item.Status.PLANNED


def test_only_national_organisers_adopt():
    _xii, first, *_ = proposals()
    with pytest.raises(services.ForumError, match="Only the organisers of the forum"):
        services.adopt(
            first,
            responsible_body=StateBody.objects.get(code="mlsp"),
            deadline=DEADLINE,
            by=OfficialFactory(),
        )
    assert not Item.objects.exists()


def test_a_standalone_event_proposes_nothing():
    standalone = event(code="charity-2025", kind=Event.Kind.OTHER, forum=None)
    standalone.forum = None
    standalone.save()
    with pytest.raises(services.ForumError, match="events that prepare a forum"):
        services.propose(standalone, title="Anything")
    assert NGO.objects.count() == 0
