"""Events reach the people concerned once, by email, in the language they were emitted in."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from registry.models import Notification
from registry.tests.factories import RepresentationFactory
from tenders import services
from tenders.models import Competition
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    representative,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_submitted_application_is_confirmed_to_every_representative():
    _competition, lot = open_competition()
    user, ngo = representative()
    colleague = RepresentationFactory(ngo=ngo).user
    application = submitted_application(lot, user, ngo)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([user.email, colleague.email])
    assert application.number in mail.outbox[0].subject
    row = Notification.objects.get(recipient=user)
    assert row.event == "tenders.application_received" and row.sent_at is not None
    assert row.actor == user


def test_emitting_the_same_event_twice_tells_once():
    _competition, lot = open_competition()
    user, ngo = representative()
    application = submitted_application(lot, user, ngo)
    from tenders import events

    mail.outbox.clear()
    events.application_event(events.APPLICATION_RECEIVED, application, user, key_suffix="@x")
    events.application_event(events.APPLICATION_RECEIVED, application, user, key_suffix="@x")
    assert len(mail.outbox) == 1


def test_the_message_is_in_the_language_of_the_action():
    _competition, lot = open_competition()
    user, ngo = representative()
    with translation.override("ru"):
        submitted_application(lot, user, ngo)
    assert mail.outbox[0].subject.startswith("Заявка")


def test_results_reach_every_applicant():
    competition, lot = open_competition(winners=1)
    winner_user, winner = representative()
    loser_user, loser = representative()
    first = submitted_application(lot, winner_user, winner)
    second = submitted_application(lot, loser_user, loser)
    close_window(competition)
    (member,) = commission(competition, "official")
    official = competition.created_by
    for application, points in ((first, 9), (second, 5)):
        application.refresh_from_db()
        services.screen_application(application, official, "admit")
        score(application, member, points, points, points)
    services.award_lot(lot, first, 1_000_000, official)
    mail.outbox.clear()
    services.publish_results(competition, official)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([winner_user.email, loser_user.email])


def test_drafts_are_reminded_once_before_the_close():
    competition, lot = open_competition()
    user, ngo = representative()
    services.start_application(ngo, lot, user)
    Competition.objects.filter(pk=competition.pk).update(
        closes_at=timezone.now() + datetime.timedelta(days=2)
    )
    mail.outbox.clear()
    assert services.remind_closing() == 1
    services.remind_closing()
    assert len(mail.outbox) == 1
    assert "still a draft" in mail.outbox[0].body


def test_a_failed_mail_does_not_fail_the_submission(settings):
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"
    _competition, lot = open_competition()
    user, ngo = representative()
    application = submitted_application(lot, user, ngo)
    application.refresh_from_db()
    assert application.status == "submitted"
    row = Notification.objects.get(recipient=user)
    assert row.sent_at is None and row.attempts >= 1 and "refused" in row.last_error
