"""What an attacker tried, each answered as a user meets it: nothing sealed leaks, bad input is a
400 or a 404 (never a 500), and the public cache serves no link to another host."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.utils import timezone

from registry.tests.factories import UserFactory
from tenders import services
from tenders.models import Competition, Lot
from tenders.tests.factories import (
    close_window,
    commission,
    draft_competition,
    open_competition,
    representative,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluating():
    competition, lot = open_competition(winners=1)
    first = submitted_application(lot)
    second = submitted_application(lot)
    close_window(competition)
    for application in (first, second):
        services.screen_application(application, competition.created_by, "admit")
    return competition, lot, first, second


def test_a_member_who_organises_sees_no_scores_on_the_lot_page_before_their_own_sheet(
    client, evaluating
):
    competition, lot, first, _second = evaluating
    organiser = competition.created_by
    services.add_member(competition, organiser, organiser, "official")
    (other,) = commission(competition, "official")
    score(first, other, 9, 9, 9)
    client.force_login(organiser)
    url = f"/en/staff/tenders/{competition.number}/lots/{lot.number}/"
    page = client.get(url).content.decode()
    assert "90.00" not in page
    assert "Hidden until your own sheet is in" in page
    score(first, organiser, 5, 5, 5)
    assert "70.00" in client.get(url).content.decode()


def test_an_application_number_tells_nothing_of_how_many_applied_before():
    _competition, lot = open_competition()
    numbers = {submitted_application(lot).number for _ in range(3)}
    assert len(numbers) == 3
    suffixes = {number.removeprefix(f"{lot.code}-") for number in numbers}
    assert not suffixes & {"001", "002", "003"}
    assert all(len(suffix) == 6 and suffix.isalnum() for suffix in suffixes)


def test_an_expert_lists_only_the_applications_assigned_to_them(client, evaluating):
    competition, _lot, first, second = evaluating
    expert = UserFactory()
    services.add_member(competition, competition.created_by, expert, "expert")
    competition.commission.get(user=expert).assigned.add(first)
    client.force_login(expert)
    page = client.get(f"/en/staff/tenders/{competition.number}/").content.decode()
    assert first.number in page
    assert second.number not in page
    assert second.ngo.name not in page


def test_statistics_count_no_application_of_a_competition_still_accepting(client):
    competition, lot = open_competition()
    submitted_application(lot)
    # Year; competitions; lots; applications; applicants; winners; awarded
    assert _year_row(client, competition.year)[3:5] == ["0", "0"]


def test_statistics_count_the_applications_once_the_competition_has_closed(client):
    competition, lot = open_competition()
    submitted_application(lot)
    Competition.objects.filter(pk=competition.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    assert _year_row(client, competition.year)[3:5] == ["1", "1"]


def _year_row(client, year) -> list[str]:
    response = client.get(f"/en/tenders/stats/year.csv?year={year}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return next(row for row in csv.reader(io.StringIO(text), delimiter=";") if row[0] == str(year))


@pytest.mark.parametrize("year", ["40000", "²", "-1", "1990", "2099x"])
def test_a_statistics_year_out_of_range_is_a_bad_request(client, year):
    assert client.get("/en/tenders/stats/", {"year": year}).status_code == 400
    assert client.get("/en/tenders/stats/region.csv", {"year": year}).status_code == 400


def test_a_results_csv_of_an_impossible_year_is_not_found(client):
    assert client.get("/en/tenders/results/40000.csv").status_code == 404


def test_a_lot_budget_of_ten_to_the_twentieth_is_refused_at_the_field(client):
    from registry.tests.factories import OfficialFactory

    official = OfficialFactory()
    competition = draft_competition(official)
    client.force_login(official)
    from registry.models import ActivityArea

    for budget in ("100000000000000000000", "10²⁰"):
        response = client.post(
            f"/en/staff/tenders/{competition.number}/",
            {
                "action": "lot",
                "theme_kk": "Еріктілер",
                "theme_ru": "Волонтёры",
                "activity_area": ActivityArea.objects.get(code="youth").pk,
                "budget": budget,
                "term_months": "10",
                "winners_allowed": "1",
            },
        )
        assert response.status_code == 200
        assert 'id="id_budget_errors"' in response.content.decode()
    assert not Lot.objects.filter(competition=competition).exists()


def test_the_service_refuses_a_lot_budget_beyond_any_real_one():
    from registry.tests.factories import OfficialFactory

    official = OfficialFactory()
    competition = draft_competition(official)
    from tenders.tests.factories import add_lot

    with pytest.raises(services.TenderError, match="at most"):
        add_lot(competition, official, budget=10**19)


def test_a_budget_line_of_ten_to_the_twentieth_is_refused_on_the_application(client):
    competition, lot = open_competition()
    user, ngo = representative()
    application = services.start_application(ngo, lot, user)
    client.force_login(user)
    response = client.post(
        f"/en/my/applications/{application.number}/",
        {
            "title": "T",
            "summary": "S",
            "goals": "G",
            "activities": "A",
            "beneficiaries": "B",
            "requested_amount": "1000000",
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "budget-0-item": "Seminars",
            "budget-0-amount": "100000000000000000000",
        },
    )
    assert response.status_code == 200
    assert not application.budget_lines.exists()


def test_staff_buttons_with_a_number_that_is_not_one_answer_404(client, evaluating):
    competition, lot, _first, _second = evaluating
    client.force_login(competition.created_by)
    url = f"/en/staff/tenders/{competition.number}/lots/{lot.number}/"
    for value in ("abc", "²", "99999999999999999999"):
        assert client.post(url, {"action": "remove", "award": value}).status_code == 404


def test_the_public_cache_keeps_answers_apart_by_host_and_scheme(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    cache.clear()
    competition, _lot = open_competition()
    url = f"/api/v1/ocds/releases/{competition.number}.json"
    poisoned = client.get(url, HTTP_HOST="localhost:6666", HTTP_X_FORWARDED_PROTO="https")
    assert poisoned.status_code == 200
    assert "localhost:6666" in poisoned.content.decode()
    honest = client.get(url)
    assert honest.status_code == 200
    assert "localhost:6666" not in honest.content.decode()
    assert honest["X-Cache"] == "miss"


def test_a_host_outside_allowed_hosts_never_enters_the_cache(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    settings.ALLOWED_HOSTS = ["testserver"]
    cache.clear()
    response = client.get("/en/tenders/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert client.get("/en/tenders/")["X-Cache"] == "miss"


def test_a_published_answer_is_amended_visibly_with_both_texts_and_dates(client):
    competition, _lot = open_competition()
    user, ngo = representative()
    official = competition.created_by
    question = services.ask_question(competition, ngo, user, "Какой срок проекта?", "ru")
    first = timezone.now() - datetime.timedelta(days=3)
    services.answer_question(question, official, "", "Двенадцать месяцев.", now=first)
    services.answer_question(question, official, "", "Десять месяцев.")
    question.refresh_from_db()
    assert question.answered_at == first
    assert question.amended_at > first
    page = client.get(f"/ru/tenders/{competition.number}/").content.decode()
    assert "Десять месяцев." in page
    assert "Двенадцать месяцев." in page
    assert first.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y") in page


def test_the_main_action_reads_submit_an_application_in_kazakh_and_russian(client):
    competition, _lot = open_competition()
    assert "Подать заявку" in client.get(f"/ru/tenders/{competition.number}/").content.decode()
    assert "Өтінім беру" in client.get(f"/kk/tenders/{competition.number}/").content.decode()


def test_the_remove_winner_button_is_drawn_as_a_visible_button(client, evaluating):
    competition, lot, first, _second = evaluating
    (member,) = commission(competition, "official")
    score(first, member, 9, 9, 9)
    services.award_lot(lot, first, 1_000_000, competition.created_by)
    client.force_login(competition.created_by)
    page = client.get(f"/en/staff/tenders/{competition.number}/lots/{lot.number}/")
    assert 'value="remove" class="secondary">Remove</button>' in page.content.decode()


@pytest.mark.parametrize("part", ["²", "x", "99999999999999999999"])
def test_an_ocds_part_that_is_not_a_number_is_a_bad_request(client, part):
    response = client.get("/api/v1/ocds/2025/releases.json", {"part": part})
    assert response.status_code == 400
