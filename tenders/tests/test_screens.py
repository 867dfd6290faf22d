"""Staff screens keep what was typed and say at the field what is wrong (issue 17, item 17)."""

import pytest

from tenders.models import CommissionMember
from tenders.tests.factories import open_competition

pytestmark = pytest.mark.django_db


def test_an_unknown_commission_email_is_kept_and_named_at_the_field(client):
    competition, _lot = open_competition()
    client.force_login(competition.created_by)
    response = client.post(
        f"/en/staff/tenders/{competition.number}/",
        {"action": "member", "email": "nobody@example.kz", "kind": "expert"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="nobody@example.kz"' in page
    assert 'id="id_email_errors"' in page
    assert "Email of the member: No account has this email" in page
    assert not CommissionMember.objects.exists()


@pytest.fixture
def scored_lot():
    """Lot 1 allowing one winner: `low` (50) applied first, `high` (80) second; both scored."""
    from tenders import services
    from tenders.tests.factories import close_window, commission, score, submitted_application

    competition, lot = open_competition(winners=1, pass_score=10)
    low = submitted_application(lot)
    high = submitted_application(lot)
    close_window(competition)
    (member,) = commission(competition, "official")
    for application, points in ((low, 5), (high, 8)):
        services.screen_application(application, competition.created_by, "admit")
        score(application, member, points, points, points)
    return competition, lot, low, high


def test_the_publish_button_stands_under_what_publishing_will_show_and_its_warnings(
    client, scored_lot
):
    competition, _lot, _low, _high = scored_lot
    client.force_login(competition.created_by)
    manage = client.get(f"/en/staff/tenders/{competition.number}/").content.decode()
    check = manage.index("Check and publish the results")
    assert check < manage.index("fewer winners than they allow") < manage.index('value="publish"')
    assert "0 of 1 winners" in manage
    competition.refresh_from_db()
    assert competition.status == "evaluating"


def test_winners_are_offered_in_ranking_order_and_the_list_closes_at_the_limit(client, scored_lot):
    competition, lot, low, high = scored_lot
    client.force_login(competition.created_by)
    url = f"/en/staff/tenders/{competition.number}/lots/{lot.number}/"
    page = client.get(url).content.decode()
    assert page.index(f'<option value="{high.number}"') < page.index(
        f'<option value="{low.number}"'
    )
    client.post(url, {"action": "award", "application": high.number, "amount": "1 000 000"})
    page = client.get(url).content.decode()
    assert "The lot has its 1 winner" in page
    assert 'value="award"' not in page


def test_the_score_form_says_the_range_of_each_criterion(client, scored_lot):
    from tenders.tests.factories import commission

    competition, _lot, low, _high = scored_lot
    (member,) = commission(competition, "official")
    client.force_login(member)
    page = client.get(f"/en/staff/tenders/{competition.number}/applications/{low.number}/")
    assert "Relevance (40%), 0 to 10 points" in page.content.decode()


def test_my_applications_says_winner_with_the_contract_and_the_next_report_due(client, scored_lot):
    import datetime

    from django.utils import timezone

    from tenders import services
    from tenders.models import ProjectReport

    competition, lot, low, high = scored_lot
    official = competition.created_by
    award = services.award_lot(lot, high, 1_000_000, official)
    services.publish_results(competition, official)
    today = timezone.localdate()
    contract = services.sign_contract(
        award,
        official,
        number="ГСЗ-77",
        signed_on=today,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=200),
        amount=1_000_000,
    )
    due = today + datetime.timedelta(days=5)
    services.schedule_report(contract, official, kind=ProjectReport.Kind.INTERIM, due_on=due)
    client.force_login(high.ngo.representatives.get().user)
    page = client.get("/en/my/applications/").content.decode()
    assert "Winner" in page and "ГСЗ-77" in page
    assert "Admitted to scoring" not in page
    assert f"next due {due:%m/%d/%Y}" in page or f"next due {due:%d.%m.%Y}" in page
    client.force_login(low.ngo.representatives.get().user)
    assert "Not among the winners" in client.get("/en/my/applications/").content.decode()


def test_my_applications_explains_an_award_withdrawn_by_a_correction(client, scored_lot):
    from tenders import services

    competition, lot, _low, high = scored_lot
    official = competition.created_by
    award = services.award_lot(lot, high, 1_000_000, official)
    services.publish_results(competition, official)
    services.correct_results(competition, official, "Refused to sign", withdraw=[award])
    client.force_login(high.ngo.representatives.get().user)
    page = client.get("/en/my/applications/").content.decode()
    assert "Award withdrawn by a correction" in page


def test_the_apply_form_preselects_the_only_ngo_and_the_only_lot(client):
    from tenders.tests.factories import representative

    competition, lot = open_competition()
    user, ngo = representative()
    client.force_login(user)
    page = client.get(f"/en/tenders/{competition.number}/apply/").content.decode()
    assert "---------" not in page
    assert f'value="{ngo.bin}" selected' in page
    assert f'value="{lot.number}" selected' in page
