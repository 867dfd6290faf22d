"""Councils as the services build them, for the tests of each rule and screen."""

import datetime
import itertools

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from councils import services
from councils.models import Council, Membership, Person
from councils.models.rules import years_from
from registry.models import StateBody
from registry.tests.factories import NGOFactory, OfficialFactory, UserFactory

_codes = itertools.count(1)
TODAY = datetime.date.today


def secretary(*councils):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=roles.COUNCIL_SECRETARY))
    for council in councils:
        council.secretaries.add(user)
    return user


def body_official(body="mci"):
    return OfficialFactory(body=StateBody.objects.get(code=body))


def council(body="mci", kind=Council.Kind.PUBLIC, level=Council.Level.MINISTRY, **fields):
    n = next(_codes)
    state_body = StateBody.objects.get(code=body)
    defaults = {
        "code": f"pc-{body}-{n}",
        "kind": kind,
        "level": level,
        "state_body": state_body,
        "region": state_body.region,
        "name_kk": f"Қоғамдық кеңес {n}",
        "name_ru": f"Общественный совет {n}",
        "name_en": f"Public council {n}",
        "mandate_en": "Represents the public before the ministry.",
        "founding_act": "Order No. 12 of 1 February 2016",
        "founded_on": datetime.date(2016, 2, 1),
    }
    defaults.update(fields)
    return Council.objects.create(**defaults)


def term(years=3):
    start = TODAY() - datetime.timedelta(days=365)
    return start, years_from(start, years)


def member(
    council,
    by,
    name=None,
    affiliation=Membership.Affiliation.CIVIL_SOCIETY,
    role=Membership.Role.MEMBER,
    ngo=None,
    start=None,
    end=None,
    email="",
    phone="",
):
    default_start, default_end = term()
    person = Person.objects.create(name=name or f"Member {next(_codes)}", email=email, phone=phone)
    if affiliation == Membership.Affiliation.CIVIL_SOCIETY and ngo is None:
        ngo = NGOFactory()
    return services.add_member(
        council,
        by,
        person=person,
        affiliation=affiliation,
        ngo=ngo if affiliation == Membership.Affiliation.CIVIL_SOCIETY else None,
        role=role,
        term_start=start or default_start,
        term_end=end or default_end,
    )


def composed(council, by, civil=13, others=2, chair_civil=True):
    """A council with `civil` civil-society members and `others` officials; a chair."""
    members = []
    for i in range(civil):
        role = Membership.Role.CHAIR if chair_civil and i == 0 else Membership.Role.MEMBER
        members.append(member(council, by, role=role))
    for i in range(others):
        role = Membership.Role.CHAIR if not chair_civil and i == 0 else Membership.Role.MEMBER
        members.append(
            member(council, by, affiliation=Membership.Affiliation.STATE_BODY, role=role)
        )
    return members


def held_meeting(council, by, agenda=("Report of the ministry on the budget",), days_ago=2):
    return services.schedule_meeting(
        council,
        by,
        starts_at=timezone.now() - datetime.timedelta(days=days_ago),
        place="Astana, House of Ministries, hall 3",
        agenda=list(agenda),
    )


def adopted_decision(council, by, members, text="Publish the draft budget a month ahead."):
    meeting = held_meeting(council, by)
    services.record_attendance(meeting, by, present=[m.pk for m in members])
    return services.record_decision(
        meeting.agenda.first(),
        by,
        text={"en": text, "ru": text, "kk": text},
        votes_for=len(members),
    )
