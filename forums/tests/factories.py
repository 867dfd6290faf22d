"""Forums, events and participants as the services build them."""

import datetime

from django.utils import timezone

from accounts import roles
from forums.models import Event, Forum
from registry.models import StateBody
from registry.tests.factories import NGOFactory, OfficialFactory, RepresentationFactory, region


def forum(number="XII", **fields) -> Forum:
    defaults = {
        "title_kk": f"{number} Азаматтық форум",
        "title_ru": f"{number} Гражданский форум",
        "title_en": f"{number} Civil Forum",
        "starts_on": datetime.date(2025, 11, 20),
        "ends_on": datetime.date(2025, 11, 21),
        "city_kk": "Астана",
        "city_ru": "Астана",
        "city_en": "Astana",
        "status": Forum.Status.REGISTRATION_OPEN,
    }
    defaults.update(fields)
    return Forum.objects.create(number=number, **defaults)


def event(code="XII-750000000", capacity=2, kind=Event.Kind.REGIONAL, **fields) -> Event:
    start = timezone.now() + datetime.timedelta(days=10)
    given = fields.pop("forum", "default")
    defaults = {
        "forum": given
        if given != "default"
        else (Forum.objects.filter(number="XII").first() or forum()),
        "title_kk": "Алматы қаласының өңірлік азаматтық форумы",
        "title_ru": "Региональный гражданский форум города Алматы",
        "title_en": "Regional Civil Forum of Almaty",
        "region": region("750000000") if kind == Event.Kind.REGIONAL else None,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=6),
        "city_kk": "Алматы",
        "city_ru": "Алматы",
        "city_en": "Almaty",
        "status": Event.Status.REGISTRATION_OPEN,
    }
    defaults.update(fields)
    return Event.objects.create(code=code, kind=kind, capacity=capacity, **defaults)


def representative(ngo=None, **ngo_fields):
    """An NGO and a user who represents it."""
    ngo = ngo or NGOFactory(**ngo_fields)
    return RepresentationFactory(ngo=ngo).user, ngo


def organiser(body="mci"):
    """A forum organiser of a republican body: runs every event."""
    return OfficialFactory(role=roles.FORUM_ORGANISER, body=StateBody.objects.get(code=body))
