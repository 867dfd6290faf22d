"""After the results: the official's contract page, instalments, reports and their refusals."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from registry.models import Notification, StateBody
from registry.tests.factories import OfficialFactory, RepresentationFactory
from tenders import services
from tenders.models import Contract, Instalment, ProjectReport
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    representative,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today


def _winner(publish=True, amount=3_000_000):
    """A scored winner of a lot; returns (award, organiser official, NGO representative)."""
    competition, lot = open_competition(pass_score=10)
    user, ngo = representative()
    application = submitted_application(lot, user=user, ngo=ngo)
    close_window(competition)
    (member,) = commission(competition, "official")
    official = competition.created_by
    application.refresh_from_db()
    services.screen_application(application, official, "admit")
    score(application, member, 9, 9, 9)
    award = services.award_lot(lot, application, amount, official)
    if publish:
        services.publish_results(competition, official)
    return award, official, user


def _url(award, tail=""):
    competition = award.lot.competition
    return (
        f"/en/staff/tenders/{competition.number}/lots/{award.lot.number}/"
        f"winners/{award.ngo.bin}/{tail}"
    )


def _contract(award, official, amount=3_000_000):
    today = timezone.localdate()
    return services.sign_contract(
        award,
        official,
        number="ГСЗ-12/2026",
        signed_on=today,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=300),
        amount=amount,
    )


def _file(client, award, number=1, **data):
    application = award.application.number
    payload = {
        "narrative": "Еріктілер мектебі өтті.",
        "indicators": "Оқытылған еріктілер: 100 / 112",
        "spent": "1 200 000",
        "attachment": SimpleUploadedFile("report.pdf", b"%PDF-1.4 report", "application/pdf"),
    }
    payload.update(data)
    return client.post(f"/en/my/applications/{application}/reports/{number}/", payload)


def test_the_officials_whole_path_from_contract_to_accepted_report(client):
    award, official, ngo_user = _winner()
    client.force_login(official)
    lot_page = client.get(f"/en/staff/tenders/{award.lot.competition.number}/lots/1/")
    assert "Enter the contract" in lot_page.content.decode()
    today = timezone.localdate()
    response = client.post(
        _url(award),
        {
            "action": "sign",
            "number": "ГСЗ-12/2026",
            "signed_on": today.isoformat(),
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=300)).isoformat(),
            "amount": "3 000 000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    contract = Contract.objects.get(award=award)
    assert (contract.number, contract.amount, contract.awarded_amount) == (
        "ГСЗ-12/2026",
        3_000_000,
        3_000_000,
    )
    assert contract.history.first().history_user == official
    client.post(
        _url(award),
        {
            "action": "instalment",
            "instalment-planned_on": today.isoformat(),
            "instalment-amount": "1 500 000",
        },
    )
    client.post(_url(award), {"action": "approve", "number": "1"})
    client.post(_url(award), {"action": "paid", "instalment": "1", "paid_on": today.isoformat()})
    assert contract.instalments.get().status == Instalment.Status.PAID
    client.post(
        _url(award),
        {
            "action": "schedule",
            "kind": "final",
            "due_on": (today + datetime.timedelta(days=10)).isoformat(),
        },
    )
    page = client.get(_url(award)).content.decode()
    assert "1,500,000 ₸ of 3,000,000 ₸ awarded" in page
    assert "Final report" in page

    client.force_login(ngo_user)
    mine = client.get(f"/en/my/applications/{award.application.number}/").content.decode()
    assert "ГСЗ-12/2026" in mine and "File the report" in mine
    assert _file(client, award).status_code == 302
    report = contract.reports.get()
    assert report.status == ProjectReport.Status.SUBMITTED and report.spent == 1_200_000
    assert report.attachment.name.endswith(".pdf")

    client.force_login(official)
    review = client.get(_url(award, "reports/1/")).content.decode()
    assert "Оқытылған еріктілер: 100 / 112" in review
    assert client.get(_url(award, "reports/1/attachment/")).status_code == 200
    client.post(_url(award, "reports/1/"), {"action": "accept"})
    report.refresh_from_db()
    assert report.status == ProjectReport.Status.ACCEPTED and report.reviewed_by == official
    assert Notification.objects.filter(
        event="tenders.report_accepted", recipient=ngo_user, actor=official
    ).exists()
    client.post(_url(award), {"action": "complete"})
    contract.refresh_from_db()
    assert contract.status == Contract.Status.COMPLETED
    public = client.get(f"/en/tenders/{award.lot.competition.number}/").content.decode()
    assert "Completed" in public and "1,500,000 ₸ disbursed" in public
    ngo_page = client.get(f"/en/ngos/{award.ngo.bin}/").content.decode()
    assert "ГСЗ-12/2026" in ngo_page and "1,500,000 ₸ disbursed" in ngo_page


def test_a_contract_above_the_amount_awarded_is_refused(client):
    award, official, _user = _winner()
    client.force_login(official)
    today = timezone.localdate().isoformat()
    page = client.post(
        _url(award),
        {
            "action": "sign",
            "number": "C-1",
            "signed_on": today,
            "starts_on": today,
            "ends_on": today,
            "amount": "3 000 001",
        },
    ).content.decode()
    assert "cannot exceed the 3,000,000 ₸ awarded" in page
    assert not Contract.objects.exists()


def test_the_database_keeps_a_contract_within_its_award(client):
    award, official, _user = _winner()
    contract = _contract(award, official)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=contract.pk).update(amount=3_000_001)


def test_no_contract_before_the_results_are_published(client):
    award, official, _user = _winner(publish=False)
    with pytest.raises(services.TenderError, match="after the results are published"):
        _contract(award, official)
    client.force_login(official)
    page = client.get(_url(award)).content.decode()
    assert "only after the results are published" in page


def test_instalments_cannot_exceed_the_contract_amount(client):
    award, official, _user = _winner()
    contract = _contract(award, official, amount=2_000_000)
    services.add_instalment(contract, official, timezone.localdate(), 1_500_000)
    client.force_login(official)
    page = client.post(
        _url(award),
        {
            "action": "instalment",
            "instalment-planned_on": TODAY().isoformat(),
            "instalment-amount": "600 000",
        },
        follow=True,
    ).content.decode()
    assert "more than the contract&#x27;s 2,000,000 ₸ (500,000 ₸ left)" in page
    assert contract.instalments.count() == 1


def test_an_instalment_is_paid_only_once_approved():
    award, official, _user = _winner()
    contract = _contract(award, official)
    instalment = services.add_instalment(contract, official, timezone.localdate(), 1_000_000)
    with pytest.raises(services.TenderError, match="only after it is approved"):
        services.mark_instalment_paid(instalment, official, timezone.localdate())


def test_another_ngo_cannot_file_the_report(client):
    award, official, _user = _winner()
    contract = _contract(award, official)
    report = services.schedule_report(contract, official, "interim", TODAY())
    stranger, _ngo = representative()
    client.force_login(stranger)
    assert _file(client, award).status_code == 404
    with pytest.raises(services.TenderError, match="Only representatives"):
        services.submit_report(report, stranger, "Жасалды", "—", 0)
    # An official of the organiser does not file it either.
    with pytest.raises(services.TenderError, match="Only representatives"):
        services.submit_report(report, official, "Жасалды", "—", 0)
    report.refresh_from_db()
    assert report.status == ProjectReport.Status.DUE


def test_an_official_of_another_body_can_neither_see_nor_accept(client):
    award, official, ngo_user = _winner()
    contract = _contract(award, official)
    report = services.schedule_report(contract, official, "interim", TODAY())
    services.submit_report(report, ngo_user, "Жасалды", "100 / 100", 10)
    other = OfficialFactory(body=StateBody.objects.exclude(code="mci").first())
    client.force_login(other)
    assert client.get(_url(award)).status_code == 404
    assert client.post(_url(award, "reports/1/"), {"action": "accept"}).status_code == 404
    with pytest.raises(services.TenderError, match="organising state body"):
        services.accept_report(report, other)
    with pytest.raises(services.TenderError, match="organising state body"):
        services.add_instalment(contract, other, TODAY(), 1)
    report.refresh_from_db()
    assert report.status == ProjectReport.Status.SUBMITTED
    list_page = client.get("/en/staff/contracts/").content.decode()
    assert contract.number not in list_page
    dashboard = client.get("/en/staff/").content.decode()
    assert "Project reports: 0 to review, 0 overdue" in dashboard


def test_an_accepted_report_cannot_be_edited(client):
    award, official, ngo_user = _winner()
    contract = _contract(award, official)
    report = services.schedule_report(contract, official, "interim", TODAY())
    services.submit_report(report, ngo_user, "Жасалды", "100 / 100", 10)
    services.accept_report(report, official)
    client.force_login(ngo_user)
    page = _file(client, award, narrative="Өзгертілген").content.decode()
    assert "File the report" not in page and "Submit the report" not in page
    with pytest.raises(services.TenderError, match="no longer be changed"):
        services.submit_report(report, ngo_user, "Өзгертілген", "—", 5)
    report.refresh_from_db()
    assert report.narrative == "Жасалды"


def test_a_returned_report_carries_the_reason_and_can_be_filed_again(
    client, django_capture_on_commit_callbacks
):
    award, official, ngo_user = _winner()
    contract = _contract(award, official)
    report = services.schedule_report(contract, official, "interim", TODAY())
    services.submit_report(report, ngo_user, "Жасалды", "—", 10)
    client.force_login(official)
    page = client.post(_url(award, "reports/1/"), {"action": "return", "reason": ""}).content
    assert "There is a problem" in page.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(award, "reports/1/"), {"action": "return", "reason": "Қаржы есебі жоқ"})
    report.refresh_from_db()
    assert report.status == ProjectReport.Status.RETURNED
    assert Notification.objects.filter(event="tenders.report_returned", recipient=ngo_user).count()
    assert "Қаржы есебі жоқ" in mail.outbox[-1].body
    client.force_login(ngo_user)
    assert _file(client, award).status_code == 302
    report.refresh_from_db()
    assert report.status == ProjectReport.Status.SUBMITTED and report.status_reason == ""


def test_a_report_attachment_must_be_a_document(client):
    award, official, ngo_user = _winner()
    contract = _contract(award, official)
    services.schedule_report(contract, official, "interim", TODAY())
    client.force_login(ngo_user)
    bad = SimpleUploadedFile("report.pdf", b"MZ not a pdf", "application/pdf")
    page = _file(client, award, attachment=bad).content.decode()
    assert "Only PDF, JPEG and PNG files are accepted" in page
    assert contract.reports.get().status == ProjectReport.Status.DUE


def test_reminders_of_a_due_report_are_sent_once(django_capture_on_commit_callbacks):
    award, official, ngo_user = _winner()
    contract = _contract(award, official)
    services.schedule_report(contract, official, "interim", TODAY() + datetime.timedelta(days=3))
    services.schedule_report(contract, official, "final", TODAY() + datetime.timedelta(days=90))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_reports() == 1
        services.remind_reports()
    assert len(mail.outbox) == 1
    assert contract.number in mail.outbox[0].subject
    assert Notification.objects.filter(event="tenders.report_due").count() == 1


def test_overdue_reports_are_flagged_for_the_official_and_the_ngo(client):
    award, official, ngo_user = _winner()
    contract = _contract(award, official)
    late = services.schedule_report(
        contract, official, "interim", TODAY() - datetime.timedelta(days=1)
    )
    services.schedule_report(contract, official, "final", TODAY() + datetime.timedelta(days=30))
    assert list(ProjectReport.objects.overdue()) == [late]
    other_award, other_official, _user = _winner()
    _calm = services.sign_contract(
        other_award,
        other_official,
        number="C-calm",
        signed_on=TODAY(),
        starts_on=TODAY(),
        ends_on=TODAY(),
        amount=1,
    )
    client.force_login(official)
    listing = client.get("/en/staff/contracts/").content.decode()
    assert listing.index(contract.number) < listing.index("C-calm")
    assert "1 overdue" in listing
    dashboard = client.get("/en/staff/").content.decode()
    assert "Project reports: 0 to review, 1 overdue" in dashboard
    client.force_login(ngo_user)
    mine = client.get("/en/my/applications/").content.decode()
    assert "1 report overdue" in mine
    services.submit_report(late, ngo_user, "Жасалды", "—", 0)
    assert not ProjectReport.objects.overdue().exists()


def test_completion_needs_the_final_report_and_termination_a_reason():
    award, official, ngo_user = _winner()
    contract = _contract(award, official)
    with pytest.raises(services.TenderError, match="final report is accepted"):
        services.complete_project(contract, official)
    with pytest.raises(services.TenderError, match="reason"):
        services.terminate_project(contract, official, "  ")
    services.terminate_project(contract, official, "Жоба тоқтатылды")
    with pytest.raises(services.TenderError, match="cannot change any more"):
        services.add_instalment(contract, official, TODAY(), 1)


def test_a_colleague_of_the_ngo_files_too():
    award, official, _user = _winner()
    contract = _contract(award, official)
    report = services.schedule_report(contract, official, "interim", TODAY())
    colleague = RepresentationFactory(ngo=award.ngo).user
    services.submit_report(report, colleague, "Жасалды", "—", 0)
    assert ProjectReport.objects.get().submitted_by == colleague


def test_the_services_refuse_what_the_rules_forbid():
    award, official, ngo_user = _winner()
    contract = _contract(award, official)
    with pytest.raises(services.TenderError, match="already has a contract"):
        _contract(award, official)
    with pytest.raises(services.TenderError, match="must end after it starts"):
        services.update_contract(
            contract, official, ends_on=contract.starts_on - datetime.timedelta(days=1)
        )
    instalment = services.add_instalment(contract, official, TODAY(), 2_000_000)
    with pytest.raises(services.TenderError, match="more than this amount"):
        services.update_contract(contract, official, amount=1_000_000)
    services.approve_instalment(instalment, official)
    with pytest.raises(services.TenderError, match="Only a planned instalment"):
        services.approve_instalment(instalment, official)
    with pytest.raises(services.TenderError, match="cannot be in the future"):
        services.mark_instalment_paid(instalment, official, TODAY() + datetime.timedelta(days=1))
    services.schedule_report(contract, official, "final", TODAY())
    with pytest.raises(services.TenderError, match="already has its final report"):
        services.schedule_report(contract, official, "final", TODAY())
    report = contract.reports.get()
    with pytest.raises(services.TenderError, match="Describe what the project has done"):
        services.submit_report(report, ngo_user, "  ", "—", 0)
    with pytest.raises(services.TenderError, match="cannot exceed the contract"):
        services.submit_report(report, ngo_user, "Жасалды", "—", 3_000_001)
    with pytest.raises(services.TenderError, match="awaiting review"):
        services.accept_report(report, official)


def test_a_contract_number_is_unique(client):
    award, official, _user = _winner()
    _contract(award, official)
    other, other_official, _other_user = _winner()
    client.force_login(other_official)
    today = TODAY().isoformat()
    page = client.post(
        _url(other),
        {
            "action": "sign",
            "number": "ГСЗ-12/2026",
            "signed_on": today,
            "starts_on": today,
            "ends_on": today,
            "amount": "1 000 000",
        },
    ).content.decode()
    assert "There is a problem" in page
    assert not Contract.objects.filter(award=other).exists()


def test_a_correction_cannot_withdraw_an_award_under_contract(client):
    award, official, _user = _winner()
    contract = _contract(award, official, amount=2_000_000)
    competition = award.lot.competition
    with pytest.raises(services.TenderError, match="terminate it before withdrawing"):
        services.correct_results(competition, official, "Бас тартты", withdraw=[award])
    with pytest.raises(services.TenderError, match="terminate it before withdrawing"):
        services.correct_results(competition, official, "Қысқарту", amounts={award: 1_000_000})
    services.terminate_project(contract, official, "Шарт бұзылды")
    services.correct_results(competition, official, "Бас тартты", withdraw=[award])
    award.refresh_from_db()
    assert award.withdrawn_at is not None
    client.force_login(official)
    page = client.get(_url(award)).content.decode()
    assert contract.number in page and "Шарт бұзылды" in page


def test_a_filed_report_is_mailed_to_the_officials_who_review_it(
    client, django_capture_on_commit_callbacks
):
    award, official, ngo_user = _winner()
    contract = _contract(award, official)
    services.schedule_report(contract, official, "interim", TODAY())
    client.force_login(ngo_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert _file(client, award).status_code == 302
    told = {n.recipient for n in Notification.objects.filter(event="tenders.report_submitted")}
    organiser = award.lot.competition.organiser
    assert official in told and ngo_user not in told
    assert all(organiser in user.state_bodies.all() for user in told)
    (message,) = [m for m in mail.outbox if m.to == [official.email]]
    assert "waits for review" in message.subject and contract.number in message.body
