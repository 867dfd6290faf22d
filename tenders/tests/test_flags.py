import datetime

import pytest
from django.utils import timezone

from registry.tests.factories import RepresentationFactory
from tenders import services
from tenders.flags import red_flags
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    representative,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def codes(competition, **kwargs):
    competition.refresh_from_db()
    return sorted(flag.code for flag in red_flags(competition, **kwargs))


def test_a_short_window_is_flagged_from_the_start():
    now = timezone.now()
    competition, _lot = open_competition(closes_at=now + datetime.timedelta(days=5))
    assert codes(competition) == ["short_window"]
    assert "fewer than the 20 days" in red_flags(competition)[0].message


def test_a_single_applicant_is_flagged_after_the_close_only():
    competition, lot = open_competition()
    submitted_application(lot)
    assert codes(competition) == []  # sealed: nothing about applicants before the close
    close_window(competition)
    assert codes(competition) == ["single_applicant"]


def test_applicants_sharing_a_phone_written_differently_are_flagged():
    competition, lot = open_competition()
    first_user, first = representative(phone="+7 701 111 22 33")
    second_user, second = representative(phone="+77011112233")
    submitted_application(lot, first_user, first)
    submitted_application(lot, second_user, second)
    close_window(competition)
    assert codes(competition) == ["shared_phone"]
    assert first.bin in red_flags(competition)[0].message


def test_a_commission_member_who_represents_an_applicant_is_flagged():
    competition, lot = open_competition()
    user, ngo = representative()
    submitted_application(lot, user, ngo)
    submitted_application(lot)
    (member,) = commission(competition, "official")
    RepresentationFactory(user=member, ngo=ngo)
    close_window(competition)
    assert "member_linked" in codes(competition)


def test_the_public_sees_applicant_flags_only_once_results_are_published(client):
    competition, lot = open_competition()
    application = submitted_application(lot)
    close_window(competition)
    assert "single_applicant" in codes(competition)
    assert codes(competition, public=True) == []
    assert "single applicant" not in client.get(f"/en/tenders/{competition.number}/").text
    (member,) = commission(competition, "official")
    official = competition.created_by
    application.refresh_from_db()
    services.screen_application(application, official, "admit")
    score(application, member, 8, 8, 8)
    services.publish_results(competition, official)
    assert "single applicant" in client.get(f"/en/tenders/{competition.number}/").text
