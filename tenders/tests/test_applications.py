import pytest
from django.db import IntegrityError, transaction

from registry.models import NGO
from tenders import permissions, services
from tenders.models import Application
from tenders.tests.factories import (
    close_window,
    open_competition,
    representative,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def test_a_representative_applies_and_the_application_is_prefilled():
    _competition, lot = open_competition()
    user, ngo = representative(beneficiary_count=250)
    application = services.start_application(ngo, lot, user)
    assert application.status == Application.Status.DRAFT
    assert application.number.startswith(f"{lot.code}-")
    assert application.beneficiary_count == 250
    assert application.title == lot.theme


def test_only_a_verified_or_active_ngo_may_apply():
    _competition, lot = open_competition()
    for status in (NGO.Status.DRAFT, NGO.Status.SUBMITTED, NGO.Status.PASSIVE):
        user, ngo = representative(status=status)
        with pytest.raises(services.TenderError, match="verified"):
            services.start_application(ngo, lot, user)
    assert not Application.objects.exists()


def test_someone_else_cannot_apply_for_an_ngo():
    _competition, lot = open_competition()
    _user, ngo = representative()
    stranger, _other = representative()
    with pytest.raises(services.TenderError, match="do not represent"):
        services.start_application(ngo, lot, stranger)


def test_a_second_application_to_the_same_lot_is_refused():
    _competition, lot = open_competition()
    user, ngo = representative()
    first = services.start_application(ngo, lot, user)
    with pytest.raises(services.TenderError, match=first.number):
        services.start_application(ngo, lot, user)
    # The database refuses it too, whatever path the row takes.
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(lot=lot, ngo=ngo, number="other", title="x")


def test_requested_amount_over_the_lot_budget_is_refused():
    _competition, lot = open_competition(budget=5_000_000)
    user, ngo = representative()
    application = services.start_application(ngo, lot, user)
    with pytest.raises(services.TenderError, match="more than the lot's budget"):
        services.update_application(
            application,
            user,
            {"requested_amount": 6_000_000},
            [{"item": "x", "amount": 6_000_000}],
        )
    application.refresh_from_db()
    assert application.requested_amount == 0
    assert not application.budget_lines.exists()


def test_budget_lines_must_add_up_to_the_request():
    _competition, lot = open_competition()
    user, ngo = representative()
    application = services.start_application(ngo, lot, user)
    services.update_application(
        application,
        user,
        {
            "summary": "s",
            "goals": "g",
            "activities": "a",
            "beneficiaries": "b",
            "requested_amount": 2_000_000,
        },
        [{"item": "Rent", "amount": 500_000}, {"item": "Fees", "amount": 1_000_000}],
    )
    with pytest.raises(services.TenderError, match="1,500,000 ₸, not to the requested 2,000,000"):
        services.submit_application(application, user)


def test_submit_names_missing_fields():
    _competition, lot = open_competition()
    user, ngo = representative()
    application = services.start_application(ngo, lot, user)
    with pytest.raises(services.TenderError, match="summary, goals"):
        services.submit_application(application, user)


def test_withdraw_then_apply_again_before_the_close():
    _competition, lot = open_competition()
    user, ngo = representative()
    application = submitted_application(lot, user, ngo)
    services.withdraw_application(application, user)
    again = services.start_application(ngo, lot, user)
    assert again.pk == application.pk
    assert again.status == Application.Status.DRAFT
    reasons = list(application.history.values_list("history_change_reason", flat=True))
    assert {"submitted", "withdrawn", "reopened after withdrawal"} <= set(reasons)


def test_after_the_close_nothing_is_editable_and_nothing_starts():
    competition, lot = open_competition()
    user, ngo = representative()
    application = submitted_application(lot, user, ngo)
    draft_user, draft_ngo = representative()
    draft = services.start_application(draft_ngo, lot, draft_user)
    close_window(competition)
    with pytest.raises(services.TenderError, match="cannot be withdrawn"):
        services.withdraw_application(application, user)
    with pytest.raises(services.TenderError, match="closed"):
        services.update_application(draft, draft_user, {"title": "late"}, [])
    late_user, late_ngo = representative()
    with pytest.raises(services.TenderError, match="closed"):
        services.start_application(late_ngo, lot, late_user)


def test_applications_are_sealed_until_the_close():
    competition, lot = open_competition()
    official = competition.created_by
    user, ngo = representative()
    application = submitted_application(lot, user, ngo)
    assert permissions.may_read_application(user, application)
    assert not permissions.may_read_application(official, application)
    close_window(competition)
    application.refresh_from_db()
    assert permissions.may_read_application(official, application)


def test_screening_returns_with_a_reason_and_the_applicant_answers_after_the_close():
    competition, lot = open_competition()
    official = competition.created_by
    user, ngo = representative()
    application = submitted_application(lot, user, ngo)
    with pytest.raises(services.TenderError, match="after the close"):
        services.screen_application(application, official, "admit")
    close_window(competition)
    with pytest.raises(services.TenderError, match="reason"):
        services.screen_application(application, official, "return")
    services.screen_application(application, official, "return", "Бюджетті нақтылаңыз")
    application.refresh_from_db()
    assert application.status == Application.Status.RETURNED
    assert application.status_reason == "Бюджетті нақтылаңыз"
    services.update_application(
        application, user, {"requested_amount": 2_000_000}, [{"item": "x", "amount": 2_000_000}]
    )
    services.submit_application(application, user)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.requested_amount == 2_000_000
