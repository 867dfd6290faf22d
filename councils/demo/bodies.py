"""The state bodies the councils sit under, the 264 public councils and 300 other venues."""

import datetime

from registry.models import StateBody

from ..models import Council
from .names import MARKER, MINISTRIES, PRESIDENT, QUASI_PUBLIC, VENUE_KINDS, venue_name


def _body(code, names, level, kind, region=None) -> StateBody:
    kk, ru, en = names
    body, _created = StateBody.objects.get_or_create(
        code=code,
        defaults=dict(
            level=level, kind=kind, region=region, name=kk, name_kk=kk, name_ru=ru, name_en=en
        ),
    )
    return body


def _council(code, kind, level, body, names, region=None, **extra) -> Council:
    kk, ru, en = names
    return Council(
        code=code,
        kind=kind,
        level=level,
        state_body=body,
        region=region,
        name=kk,
        name_kk=kk,
        name_ru=ru,
        name_en=en,
        **extra,
    )


def _public_name(body: StateBody):
    return (
        f"{body.name_kk} жанындағы қоғамдық кеңес",
        f"Общественный совет при {body.name_ru}",
        f"Public council of the {body.name_en}",
    )


def _bodies():
    """The state bodies the councils are attached to: the register's, and those it lacks."""
    ministries = [_body(code, names, "republican", "ministry") for code, *names in MINISTRIES]
    ministries += list(
        StateBody.objects.filter(kind="ministry").exclude(
            code__in=[code for code, *_ in MINISTRIES]
        )
    )
    quasi = [_body(code, names, "republican", "other") for code, *names in QUASI_PUBLIC]
    president = _body(PRESIDENT[0], PRESIDENT[1:], "republican", "other")
    government = StateBody.objects.get(code="government")
    akimats = list(
        StateBody.objects.filter(kind="akimat", level__in=["oblast", "city"])
        .select_related("region")
        .order_by("code")
    )
    return ministries, quasi, president, government, akimats


def _districts(akimats, count):
    """District akimats: the register has none, so the demo adds them under each region."""
    existing = {b.code: b for b in StateBody.objects.filter(code__startswith="akimat-d-")}
    new, bodies = [], []
    for i in range(count):
        akimat = akimats[i % len(akimats)]
        n = i // len(akimats) + 1
        code = f"akimat-d-{akimat.region.kato}-{n}"
        body = existing.get(code) or StateBody(
            code=code,
            level="district",
            kind="akimat",
            region=akimat.region,
            name=f"{akimat.region.name_kk}: № {n} аудан әкімдігі",
            name_kk=f"{akimat.region.name_kk}: № {n} аудан әкімдігі",
            name_ru=f"{akimat.region.name_ru}: акимат района № {n}",
            name_en=f"{akimat.region.name_en}: district akimat No. {n}",
        )
        if body.pk is None:
            new.append(body)
        bodies.append(body)
    StateBody.objects.bulk_create(new)
    return bodies


def councils():
    """Write the public councils and the other venues; give back the plan of the public
    councils as (council, size, civil members), the venues, and the marker council."""
    ministries, quasi, president, government, akimats = _bodies()
    districts = _districts(akimats, 221)
    founding = dict(
        founding_act="Law of 2 November 2015 No. 383-V «On public councils»",
        founded_on=datetime.date(2016, 1, 1),
        initiative=Council.Initiative.LAW,
    )

    # 264 public councils: 17 ministries, 6 quasi-public companies, 20 oblasts and cities, 221
    # districts; (council, size, civil members) for each.
    plan = []
    for body in ministries[:17]:
        plan.append(
            (
                _council(
                    f"pc-{body.code}",
                    Council.Kind.PUBLIC,
                    Council.Level.MINISTRY,
                    body,
                    _public_name(body),
                    **founding,
                ),
                18,
                15,
            )
        )
    for body in quasi:
        plan.append(
            (
                _council(
                    f"pc-{body.code}",
                    Council.Kind.PUBLIC,
                    Council.Level.QUASI_PUBLIC,
                    body,
                    _public_name(body),
                    **founding,
                ),
                12,
                10,
            )
        )
    for body in akimats:
        plan.append(
            (
                _council(
                    f"pc-{body.code}",
                    Council.Kind.PUBLIC,
                    Council.Level.OBLAST,
                    body,
                    _public_name(body),
                    region=body.region,
                    **founding,
                ),
                18,
                15,
            )
        )
    for body in districts:
        plan.append(
            (
                _council(
                    f"pc-{body.code}",
                    Council.Kind.PUBLIC,
                    Council.Level.DISTRICT,
                    body,
                    _public_name(body),
                    region=body.region,
                    **founding,
                ),
                15,
                13,
            )
        )
    assert len(plan) == 264, len(plan)
    # A few out of rule, so that the flags show: too few from civil society, too small.
    for index in (30, 31):
        council, size, _civil = plan[index]
        plan[index] = (council, size, 8)
    council, _size, _civil = plan[40]
    plan[40] = (council, 12, 10)

    # 300 other venues: 20 under the President, 14 under the Government, 144 regional, 122
    # under ministries.
    venues = []
    for i in range(20):
        venues.append(
            _council(
                f"pres-{i + 1}",
                VENUE_KINDS[i % 5],
                Council.Level.PRESIDENT,
                president,
                venue_name("Президент жанындағы", "при Президенте", "under the President", i),
            )
        )
    for i in range(14):
        venues.append(
            _council(
                f"gov-{i + 1}",
                VENUE_KINDS[i % 5],
                Council.Level.GOVERNMENT,
                government,
                venue_name("Үкімет жанындағы", "при Правительстве", "under the Government", i),
            )
        )
    for i in range(144):
        body = akimats[i % len(akimats)]
        venues.append(
            _council(
                f"reg-{body.region.kato}-{i // len(akimats) + 1}",
                VENUE_KINDS[i % 5],
                Council.Level.OBLAST,
                body,
                venue_name(body.name_kk, body.name_ru, body.name_en, i),
                region=body.region,
            )
        )
    for i in range(122):
        body = ministries[i % len(ministries)]
        venues.append(
            _council(
                f"min-{body.code}-{i // len(ministries) + 1}",
                VENUE_KINDS[i % 5],
                Council.Level.MINISTRY,
                body,
                venue_name(body.name_kk, body.name_ru, body.name_en, i),
            )
        )
    Council.objects.bulk_create([c for c, _s, _c in plan] + venues)
    # A working group of the ministry's public council that has done its work.
    parent = next(c for c, _s, _c in plan if c.code == MARKER)
    group = (
        "Заң жобасы бойынша жұмыс тобы",
        "Рабочая группа по законопроекту",
        "Working group on the draft law",
    )
    closed = _council(
        "pc-mci-wg-1",
        Council.Kind.WORKING,
        Council.Level.MINISTRY,
        parent.state_body,
        group,
        parent=parent,
        status=Council.Status.CLOSED,
        closed_on=datetime.date(2025, 6, 30),
        closing_reason="Tasks fulfilled.",
    )
    closed.save()
    return plan, venues, parent
