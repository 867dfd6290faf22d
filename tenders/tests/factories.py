"""Competitions as the services build them, ready for each stage of a test."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from registry.models import ActivityArea, StateBody
from registry.tests.factories import NGOFactory, OfficialFactory, RepresentationFactory
from tenders import services
from tenders.models import Competition, Lot

CRITERIA = [
    {"name_kk": "Өзектілігі", "name_ru": "Актуальность", "name_en": "Relevance", "weight": 40},
    {"name_kk": "Тиімділігі", "name_ru": "Эффективность", "name_en": "Effectiveness", "weight": 35},
    {"name_kk": "Бюджеті", "name_ru": "Бюджет", "name_en": "Budget", "weight": 25},
]


def organiser(code="mci") -> StateBody:
    return StateBody.objects.get(code=code)


def draft_competition(official, mechanism=Competition.Mechanism.SOCIAL_ORDER, **fields):
    now = timezone.now()
    defaults = {
        "title_kk": "Жастар саясаты бойынша мемлекеттік әлеуметтік тапсырыс",
        "title_ru": "Государственный социальный заказ в сфере молодёжной политики",
        "description_kk": "Жастарды қолдау жобалары.",
        "description_ru": "Проекты поддержки молодёжи.",
        "opens_at": now - datetime.timedelta(days=1),
        "closes_at": now + datetime.timedelta(days=20),
    }
    defaults.update(fields)
    competition = services.create_competition(
        official, official.state_bodies.first(), mechanism, now.year, **defaults
    )
    competition.documentation_kk.save("kk.pdf", ContentFile(b"%PDF-1.4 kk"), save=False)
    competition.documentation_ru.save("ru.pdf", ContentFile(b"%PDF-1.4 ru"), save=True)
    return competition


def add_lot(competition, official, budget=10_000_000, winners=1, area="youth") -> Lot:
    return services.add_lot(
        competition,
        official,
        theme_kk="Жастар арасындағы еріктілікті дамыту",
        theme_ru="Развитие добровольчества среди молодёжи",
        activity_area=ActivityArea.objects.get(code=area),
        budget=budget,
        winners_allowed=winners,
    )


def open_competition(official=None, budget=10_000_000, winners=1, **fields):
    """Announced and accepting applications now; returns (competition, lot)."""
    official = official or OfficialFactory()
    competition = draft_competition(official, **fields)
    lot = add_lot(competition, official, budget=budget, winners=winners)
    services.set_criteria(competition, official, CRITERIA)
    services.announce_competition(competition, official)
    competition.refresh_from_db()
    return competition, lot


def representative(ngo=None, **ngo_fields):
    """An NGO (active unless told otherwise) and a user who represents it."""
    ngo = ngo or NGOFactory(**ngo_fields)
    return RepresentationFactory(ngo=ngo).user, ngo


BUDGET = [{"item": "Семинарлар / Seminars", "amount": 3_000_000}]


def submitted_application(lot, user=None, ngo=None, amount=3_000_000):
    if user is None:
        user, ngo = representative()
    application = services.start_application(ngo, lot, user)
    services.update_application(
        application,
        user,
        {
            "title": "Еріктілер мектебі",
            "summary": "Жастарға арналған еріктілер мектебі.",
            "goals": "100 еріктіні оқыту.",
            "activities": "Семинарлар, тренингтер.",
            "beneficiaries": "16–29 жастағы жастар.",
            "requested_amount": amount,
        },
        [{"item": "Семинарлар", "amount": amount}],
    )
    return services.submit_application(application, user)


def close_window(competition):
    """Time passes: the window is over and the beat task has moved the competition on."""
    now = timezone.now()
    Competition.objects.filter(pk=competition.pk).update(
        opens_at=now - datetime.timedelta(days=30), closes_at=now - datetime.timedelta(minutes=1)
    )
    services.advance_phases()
    competition.refresh_from_db()
    return competition


def commission(competition, *kinds):
    """Members of the given kinds (officials of the organiser, or outside experts)."""
    from registry.tests.factories import UserFactory

    official = competition.created_by
    members = []
    for kind in kinds:
        user = OfficialFactory() if kind == "official" else UserFactory()
        services.add_member(competition, official, user, kind)
        members.append(user)
    return members


def points(competition, *values):
    """Points per criterion id, in the rubric's order."""
    return dict(zip(competition.criteria.values_list("pk", flat=True), values, strict=True))


def score(application, user, *values):
    competition = application.lot.competition
    services.declare_conflict(application, user, has_conflict=False)
    return services.score_application(application, user, points(competition, *values))


def published_round(body, year, winners, title="Конкурс"):
    """A round entered from its published results, with its winners (NGOs or names) and amounts."""
    administrator = OfficialFactory(role="administrator")
    return services.record_historical_round(
        administrator,
        body,
        Competition.Mechanism.SOCIAL_ORDER,
        year,
        datetime.date(year, 9, 30),
        lots=[
            {
                "theme_ru": "Тема",
                "theme_kk": "Тақырып",
                "activity_area": ActivityArea.objects.get(code="youth"),
                "budget": sum(amount for _winner, amount in winners),
                "winners_allowed": len(winners),
                "winners": winners,
            }
        ],
        reported_applications=len(winners) * 2,
        reported_applicants=len(winners) * 2,
        title_kk=f"{title} {year}",
        title_ru=f"{title} {year}",
    )
