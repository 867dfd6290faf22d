"""Questions on the documentation: asked during the window, answered publicly without the asker."""

import pytest
from django.db import IntegrityError
from django.utils import timezone

from registry.models import Notification
from registry.tests.factories import OfficialFactory, UserFactory
from tenders import services
from tenders.models import Question
from tenders.tests.factories import close_window, open_competition, organiser, representative

pytestmark = pytest.mark.django_db


def _ask(client, competition, ngo, text="Құжаттаманың 3-бөлімі кімге арналған?", language="kk"):
    return client.post(
        f"/en/tenders/{competition.number}/ask/",
        {"ngo": ngo.bin, "text": text, "language": language},
    )


def test_a_representative_asks_and_the_answer_is_public_without_the_asker(client):
    official = OfficialFactory()
    competition, _lot = open_competition(official=official)
    user, ngo = representative()
    client.force_login(user)
    response = _ask(client, competition, ngo)
    assert response.status_code == 302
    question = Question.objects.get(competition=competition)
    assert (question.asked_by, question.ngo, question.language) == (user, ngo, "kk")
    assert "3-бөлімі" not in client.get(f"/kk/tenders/{competition.number}/").content.decode()

    services.answer_question(question, official, "Жастар ұйымдарына.", "Молодёжным организациям.")
    kk = client.get(f"/kk/tenders/{competition.number}/").content.decode()
    ru = client.get(f"/ru/tenders/{competition.number}/").content.decode()
    assert "3-бөлімі" in kk and "Жастар ұйымдарына." in kk
    assert "Молодёжным организациям." in ru and "Жастар ұйымдарына." not in ru
    assert ngo.name_kk not in kk and ngo.name_ru not in ru
    row = Notification.objects.get(event="tenders.question_answered")
    assert row.recipient == user and row.key == question.number


def test_an_answer_in_russian_only_is_shown_on_the_kazakh_page(client):
    official = OfficialFactory()
    competition, _lot = open_competition(official=official)
    user, ngo = representative()
    question = services.ask_question(competition, ngo, user, "Какой срок проекта?", "ru")
    services.answer_question(question, official, "", "Двенадцать месяцев.")
    page = client.get(f"/kk/tenders/{competition.number}/").content.decode()
    assert "Двенадцать месяцев." in page


def test_a_question_outside_the_window_is_refused_with_a_message(client):
    official = OfficialFactory()
    competition, _lot = open_competition(official=official)
    close_window(competition)
    user, ngo = representative()
    client.force_login(user)
    response = _ask(client, competition, ngo)
    assert response.status_code == 200
    assert "only while the competition is accepting applications" in response.content.decode()
    assert not Question.objects.exists()


def test_a_question_for_an_ngo_one_does_not_represent_is_refused(client):
    competition, _lot = open_competition()
    _user, ngo = representative()
    stranger = UserFactory()
    with pytest.raises(services.TenderError, match="do not represent"):
        services.ask_question(competition, ngo, stranger, "?", "ru")
    client.force_login(stranger)
    response = _ask(client, competition, ngo)
    assert response.status_code == 200 and not Question.objects.exists()


def test_an_empty_question_is_refused(client):
    competition, _lot = open_competition()
    user, ngo = representative()
    client.force_login(user)
    response = _ask(client, competition, ngo, text="  ")
    assert "There is a problem" in response.content.decode()
    with pytest.raises(services.TenderError, match="Write your question"):
        services.ask_question(competition, ngo, user, "   ", "kk")
    assert not Question.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    competition, _lot = open_competition()
    response = client.get(f"/en/tenders/{competition.number}/ask/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_answer_needs_kazakh_or_russian(client):
    official = OfficialFactory()
    competition, _lot = open_competition(official=official)
    user, ngo = representative()
    question = services.ask_question(competition, ngo, user, "Сұрақ", "kk")
    with pytest.raises(services.TenderError, match="Kazakh or in Russian"):
        services.answer_question(question, official, " ", "")
    client.force_login(official)
    page = client.post(
        f"/en/staff/tenders/{competition.number}/questions/",
        {"question": question.number, f"{question.number}-answer_kk": ""},
    )
    assert "Give the answer in Kazakh or in Russian" in page.content.decode()
    question.refresh_from_db()
    assert question.answered_at is None


def test_the_database_refuses_an_answered_question_without_an_answer():
    competition, _lot = open_competition()
    user, ngo = representative()
    question = services.ask_question(competition, ngo, user, "Сұрақ", "kk")
    with pytest.raises(IntegrityError):
        Question.objects.filter(pk=question.pk).update(answered_at=timezone.now())


def test_the_official_answers_on_the_staff_screen_and_the_tile_counts(client):
    official = OfficialFactory()
    competition, _lot = open_competition(official=official)
    user, ngo = representative()
    question = services.ask_question(competition, ngo, user, "Бюджет қандай?", "kk")
    client.force_login(official)
    dashboard = client.get("/en/staff/").content.decode()
    assert "Questions to answer" in dashboard and question.number in dashboard
    listing = client.get("/en/staff/tenders/questions/").content.decode()
    assert competition.number in listing and "1 unanswered question" in listing
    response = client.post(
        f"/en/staff/tenders/{competition.number}/questions/",
        {"question": question.number, f"{question.number}-answer_kk": "10 млн теңге."},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer_kk == "10 млн теңге." and question.answered_by == official
    assert competition.number not in client.get("/en/staff/tenders/questions/").content.decode()


def test_an_official_of_another_body_may_not_answer(client):
    competition, _lot = open_competition(official=OfficialFactory())
    user, ngo = representative()
    question = services.ask_question(competition, ngo, user, "Сұрақ", "kk")
    other = OfficialFactory(body=organiser("mlsp"))
    with pytest.raises(services.TenderError, match="organising state body"):
        services.answer_question(question, other, "Жауап", "")
    client.force_login(other)
    assert client.get(f"/en/staff/tenders/{competition.number}/questions/").status_code == 404
    assert question.number not in client.get("/en/staff/").content.decode()
    question.refresh_from_db()
    assert question.answered_at is None


def test_an_official_publishes_a_question_and_answer_nobody_asked(client):
    official = OfficialFactory()
    competition, _lot = open_competition(official=official)
    client.force_login(official)
    response = client.post(
        f"/en/staff/tenders/{competition.number}/questions/",
        {
            "action": "publish",
            "publish-text": "Можно ли подать две заявки?",
            "publish-language": "ru",
            "publish-answer_ru": "Одна заявка на лот.",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(competition=competition)
    assert question.asked_by is None and question.answered_at is not None
    page = client.get(f"/ru/tenders/{competition.number}/").content.decode()
    assert "Одна заявка на лот." in page
    assert not Notification.objects.filter(event="tenders.question_answered").exists()


def test_a_local_akimats_questions_are_answered_by_its_own_officials_only(client):
    akimat = organiser("akimat-390000000")
    local = OfficialFactory(body=akimat)
    competition, _lot = open_competition(official=local)
    assert competition.organiser == akimat
    user, ngo = representative()
    question = services.ask_question(competition, ngo, user, "Сұрақ", "kk")
    for outsider in (OfficialFactory(), OfficialFactory(body=organiser("akimat-310000000"))):
        with pytest.raises(services.TenderError, match="organising state body"):
            services.answer_question(question, outsider, "Жауап", "")
    services.answer_question(question, local, "Жауап", "")
    assert Question.objects.answered().count() == 1
