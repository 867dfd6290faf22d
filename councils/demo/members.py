"""The councils' members: people and their terms, and the demo's secretary."""

import datetime

from registry.models import NGO

from ..models import Membership, Person
from ..models.rules import years_from
from .names import FIRST, LAST, SECRETARY_EMAIL, organisation_of, role_of


def members(rng, today, plan, venues):
    """Seat the members of every council; give back the (person, membership) seats."""
    # People and their terms: current terms began within the last two years and run three.
    ngo_ids = list(NGO.objects.public().order_by("pk").values_list("pk", flat=True)[:6000])
    people, seats = [], []
    ngo_cursor = 0

    def seat(council, affiliation, role, start, end, with_ngo):
        nonlocal ngo_cursor
        person = Person(name=f"{rng.choice(FIRST)} {rng.choice(LAST)}")
        people.append(person)
        ngo = None
        if with_ngo and ngo_ids:
            ngo = ngo_ids[ngo_cursor % len(ngo_ids)]
            ngo_cursor += 1
        seats.append(
            (
                person,
                Membership(
                    council=council,
                    affiliation=affiliation,
                    ngo_id=ngo,
                    role=role,
                    organisation="" if ngo else organisation_of(affiliation),
                    term_start=start,
                    term_end=end,
                    selection=rng.choice(["open_competition", "nomination"]),
                ),
            )
        )

    for index, (council, size, civil) in enumerate(plan):
        start = today - datetime.timedelta(days=rng.randint(30, 700))
        end = years_from(start, 3)
        if index == 50:  # the term ends soon and no new composition is formed
            start, end = today - datetime.timedelta(days=1060), today + datetime.timedelta(30)
        chair_civil = index != 60  # one chaired by an official
        for i in range(size):
            is_civil = i < civil
            role = role_of(i, civil, chair_civil)
            affiliation = (
                "civil_society" if is_civil else rng.choice(["state_body", "business", "academia"])
            )
            seat(council, affiliation, role, start, end, is_civil and i % 7 != 6)
    for council in venues:
        start = today - datetime.timedelta(days=rng.randint(30, 700))
        for i in range(8):
            seat(
                council,
                ["civil_society", "state_body", "academia", "business"][i % 4],
                "chair" if i == 1 else ("secretary" if i == 2 else "member"),
                start,
                years_from(start, 3),
                i % 4 == 0,
            )
    Person.objects.bulk_create(people, batch_size=2000)
    memberships = []
    for person, membership in seats:
        membership.person = person
        memberships.append(membership)
    Membership.objects.bulk_create(memberships, batch_size=2000)
    # A third of the members of the first twenty public councils served the term before too:
    # one person over several terms.
    first = {council.pk for council, _s, _c in plan[:20]}
    Membership.objects.bulk_create(
        Membership(
            council_id=m.council_id,
            person=m.person,
            affiliation=m.affiliation,
            ngo_id=m.ngo_id,
            organisation=m.organisation,
            term_start=years_from(m.term_start, -3),
            term_end=m.term_start,
            selection=m.selection,
        )
        for i, m in enumerate(memberships)
        if m.council_id in first and i % 3 == 0
    )
    return seats


def secretary(council):
    from accounts import roles
    from registry.demo.accounts import demo_user

    user = demo_user(SECRETARY_EMAIL, "Сәуле Омарова", roles.COUNCIL_SECRETARY, is_staff=True)
    council.secretaries.add(user)
