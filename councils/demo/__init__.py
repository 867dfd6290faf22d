"""The councils' demo, shaped to the seeds (domain.md) so the statistics page shows them.

264 public councils with about 4,000 current members, 86% from civil society; 300 other
permanent dialogue venues (20 under the President, 14 under the Government, 144 in regional
administrations including Astana and Almaty, the rest under ministries); 3,000 members trained
in 2025; over the last three years 2,100 reports of officials heard and 820 public hearings; a
few councils out of rule; meetings and recommendations with the body's responses in every state,
some overdue, the accepted ones followed as accountability items.

Bulk writes in a few dozen queries (a few seconds); a second run finds the councils there and
adds nothing. Login secretary@demo.kz (password of the register's demo) runs the public council
of the Ministry of Culture and Information, whose official is official@demo.kz.
"""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone

from registry.models import NGO, StateBody

from ..models import (
    Activity,
    AgendaItem,
    Attendance,
    Council,
    Decision,
    Meeting,
    Membership,
    Person,
    Response,
    Training,
    refresh_flags,
)
from ..models.rules import years_from

SECRETARY_EMAIL = "secretary@demo.kz"
MARKER = "pc-mci"  # the first council the demo writes: there means loaded

MINISTRIES = [
    ("mfin", "Қаржы министрлігі", "Министерство финансов", "Ministry of Finance"),
    (
        "mnek",
        "Ұлттық экономика министрлігі",
        "Министерство национальной экономики",
        "Ministry of National Economy",
    ),
    ("mju", "Әділет министрлігі", "Министерство юстиции", "Ministry of Justice"),
    (
        "mvd",
        "Ішкі істер министрлігі",
        "Министерство внутренних дел",
        "Ministry of Internal Affairs",
    ),
    (
        "msh",
        "Ауыл шаруашылығы министрлігі",
        "Министерство сельского хозяйства",
        "Ministry of Agriculture",
    ),
    ("mtr", "Көлік министрлігі", "Министерство транспорта", "Ministry of Transport"),
    ("men", "Энергетика министрлігі", "Министерство энергетики", "Ministry of Energy"),
    (
        "mts",
        "Туризм және спорт министрлігі",
        "Министерство туризма и спорта",
        "Ministry of Tourism and Sports",
    ),
    (
        "mnvo",
        "Ғылым және жоғары білім министрлігі",
        "Министерство науки и высшего образования",
        "Ministry of Science and Higher Education",
    ),
    (
        "mcri",
        "Цифрлық даму министрлігі",
        "Министерство цифрового развития",
        "Ministry of Digital Development",
    ),
    (
        "mps",
        "Өнеркәсіп және құрылыс министрлігі",
        "Министерство промышленности и строительства",
        "Ministry of Industry and Construction",
    ),
    (
        "mchs",
        "Төтенше жағдайлар министрлігі",
        "Министерство по чрезвычайным ситуациям",
        "Ministry of Emergency Situations",
    ),
]
QUASI_PUBLIC = [
    ("qp-samruk", "«Самұрық-Қазына» ҰӘҚ АҚ", "АО «ФНБ «Самрук-Казына»", "Samruk-Kazyna"),
    ("qp-baiterek", "«Бәйтерек» ҰБХ АҚ", "АО «НУХ «Байтерек»", "Baiterek Holding"),
    ("qp-ktz", "«ҚТЖ» ҰК АҚ", "АО «НК «КТЖ»", "Kazakhstan Temir Zholy"),
    ("qp-kazpost", "«Қазпошта» АҚ", "АО «Казпочта»", "Kazpost"),
    ("qp-qazaqgaz", "«QazaqGaz» ҰК АҚ", "АО «НК «QazaqGaz»", "QazaqGaz"),
    ("qp-kegoc", "«KEGOC» АҚ", "АО «KEGOC»", "KEGOC"),
]
PRESIDENT = (
    "president",
    "Қазақстан Республикасы Президентінің Әкімшілігі",
    "Администрация Президента Республики Казахстан",
    "Administration of the President of the Republic of Kazakhstan",
)
FIRST = [
    "Айгүл",
    "Ерлан",
    "Дана",
    "Нұрлан",
    "Сәуле",
    "Асқар",
    "Гүлнар",
    "Бауыржан",
    "Жанар",
    "Ержан",
    "Мадина",
    "Серік",
    "Әсел",
    "Дәурен",
    "Ләззат",
    "Тимур",
    "Алия",
    "Марат",
    "Светлана",
    "Олег",
    "Елена",
    "Руслан",
    "Зарина",
    "Қайрат",
]
LAST = [
    "Сейітқали",
    "Ахметов",
    "Омарова",
    "Жұмабаев",
    "Исаева",
    "Тоқтаров",
    "Нұрланова",
    "Бекова",
    "Сағындықов",
    "Қасымова",
    "Ким",
    "Петрова",
    "Әбілов",
    "Мұратова",
    "Есенов",
    "Иванов",
    "Темірбекова",
    "Жақсылықов",
    "Оспанова",
    "Кенжебаев",
]
VENUE_KINDS = [
    Council.Kind.CONSULTATIVE,
    Council.Kind.EXPERT,
    Council.Kind.WORKING,
    Council.Kind.INTERACTION,
    Council.Kind.COORDINATION,
]
TOPICS = [
    ("Жергілікті бюджеттің жобасы", "Проект местного бюджета", "Draft local budget"),
    (
        "Мемлекеттік қызметтердің сапасы",
        "Качество государственных услуг",
        "Quality of public services",
    ),
    ("Қоғамдық көлік", "Общественный транспорт", "Public transport"),
    ("Экология және қалдықтар", "Экология и отходы", "Environment and waste"),
    (
        "Мүгедектігі бар адамдар үшін қолжетімділік",
        "Доступность для людей с инвалидностью",
        "Accessibility for people with disabilities",
    ),
    ("Жастар саясаты", "Молодёжная политика", "Youth policy"),
]
RECOMMENDATIONS = [
    (
        "Бюджет жобасын бір ай бұрын жариялау",
        "Публиковать проект бюджета за месяц",
        "Publish the draft budget a month ahead",
    ),
    (
        "Азаматтардың өтініштерін онлайн қабылдау",
        "Принимать обращения граждан онлайн",
        "Accept citizens' appeals online",
    ),
    (
        "Аялдамаларды пандустармен жабдықтау",
        "Оборудовать остановки пандусами",
        "Fit bus stops with ramps",
    ),
    (
        "Қалдықтарды бөлек жинауды енгізу",
        "Ввести раздельный сбор отходов",
        "Introduce separate waste collection",
    ),
]


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


def load(stdout) -> None:
    if Council.objects.filter(code=MARKER).exists():
        stdout.write(f"Councils: demo already loaded ({Council.objects.count()} councils)")
        return
    started = time.monotonic()
    with transaction.atomic():
        counts = _load(random.Random(23))
    stdout.write(
        "Councils: {public} public councils with {members} current members, {venues} other "
        "venues, {meetings} meetings, {decisions} decisions in {seconds:.1f} s".format(
            **counts, seconds=time.monotonic() - started
        )
    )


def _load(rng: random.Random) -> dict:
    today = timezone.localdate()
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
                _venue_name("Президент жанындағы", "при Президенте", "under the President", i),
            )
        )
    for i in range(14):
        venues.append(
            _council(
                f"gov-{i + 1}",
                VENUE_KINDS[i % 5],
                Council.Level.GOVERNMENT,
                government,
                _venue_name("Үкімет жанындағы", "при Правительстве", "under the Government", i),
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
                _venue_name(body.name_kk, body.name_ru, body.name_en, i),
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
                _venue_name(body.name_kk, body.name_ru, body.name_en, i),
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
                    organisation="" if ngo else _organisation(affiliation),
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
            role = _role(i, civil, chair_civil)
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

    # 3,000 members of public councils trained in 2025 (60 trainings of 50), a few in 2026.
    public_people = [p for p, m in seats if m.council.kind == Council.Kind.PUBLIC]
    trainings = [
        Training(held_on=datetime.date(2025, 2 + i % 10, 1 + i % 27), topic=_topic(i))
        for i in range(60)
    ]
    trainings += [
        Training(held_on=datetime.date(2026, 3, 10 + i), topic=_topic(i)) for i in range(6)
    ]
    Training.objects.bulk_create(trainings)
    through = Training.participants.through
    links = [
        through(training_id=trainings[i // 50].pk, person_id=public_people[i].pk)
        for i in range(3000)
    ]
    links += [
        through(training_id=trainings[60 + i % 6].pk, person_id=public_people[i].pk)
        for i in range(600)
    ]
    through.objects.bulk_create(links, batch_size=5000)

    # 2,100 reports of officials heard and 820 public hearings over the last three years.
    public_councils = [c for c, _s, _c in plan]
    activities = []
    for kind, count in (
        (Activity.Kind.REPORT, 2100),
        (Activity.Kind.HEARING, 820),
        (Activity.Kind.MONITORING, 310),
    ):
        for i in range(count):
            council = public_councils[i % len(public_councils)]
            activities.append(
                Activity(
                    council=council,
                    kind=kind,
                    held_on=today - datetime.timedelta(days=rng.randint(0, 3 * 365 - 2)),
                    title=_activity_title(kind, i),
                    official=_official(i) if kind == "report" else "",
                )
            )
    Activity.objects.bulk_create(activities, batch_size=5000)

    meetings, decisions = _meetings(rng, today, plan[:40] + [(c, 8, 2) for c in venues[:20]], seats)
    _secretary(parent)
    refresh_flags(Council.objects.all(), today)
    return {
        "public": len(plan),
        "members": sum(s for _c, s, _v in plan),
        "venues": len(venues),
        "meetings": meetings,
        "decisions": decisions,
    }


def _role(i, civil, chair_civil):
    if i == 0 and chair_civil:
        return "chair"
    if i == civil and not chair_civil:
        return "chair"
    return {1: "deputy", 2: "secretary"}.get(i, "member")


def _organisation(affiliation):
    return {"state_body": "Akimat", "business": "«Atameken» NCE", "academia": "University"}.get(
        affiliation, ""
    )


def _venue_name(kk, ru, en, i):
    kinds = [
        (
            "Консультативтік-кеңесші орган",
            "Консультативно-совещательный орган",
            "Consultative body",
        ),
        ("Сарапшылар тобы", "Экспертная группа", "Expert group"),
        ("Жұмыс тобы", "Рабочая группа", "Working group"),
        ("Өзара іс-қимыл кеңесі", "Совет по взаимодействию", "Interaction council"),
        ("Үйлестіру кеңесі", "Координационный совет", "Coordination council"),
    ]
    k_kk, k_ru, k_en = kinds[i % 5]
    topic = TOPICS[i % len(TOPICS)]
    return (f"{kk}: {k_kk} — {topic[0]}", f"{k_ru} {ru}: {topic[1]}", f"{k_en} — {en}: {topic[2]}")


def _topic(i):
    return [
        "Public control and monitoring",
        "Reading a state budget",
        "Hearing officials' reports",
        "Public hearings: how to run them",
    ][i % 4]


def _activity_title(kind, i):
    return {
        "report": "Report on the state programme",
        "hearing": "Public hearing on the draft",
        "monitoring": "Monitoring of public services",
    }[kind] + f" № {i + 1}"


def _official(i):
    return f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}, deputy head"


def _meetings(rng, today, councils, seats):
    """Four held meetings and one announced for each council given, two recommendations a held
    meeting, and the bodies' responses in every state."""
    from accountability.services import create_items_bulk

    members_of = {}
    for _person, membership in seats:
        members_of.setdefault(membership.council_id, []).append(membership)
    now = timezone.now()
    meetings, agenda = [], []
    for council, _size, _civil in councils:
        for n in range(5):
            held = n < 4
            starts = (
                now - datetime.timedelta(days=300 - n * 70)
                if held
                else now + datetime.timedelta(days=12)
            )
            meeting = Meeting(
                council=council,
                number=n + 1,
                starts_at=starts,
                place="Hall of the akimat" if n % 2 else "",
                online_url="" if n % 2 else "https://meet.gov.kz/council",
                announced_at=starts - datetime.timedelta(days=10),
                minutes="Minutes approved." if held else "",
            )
            meetings.append(meeting)
            for position in (1, 2):
                topic = TOPICS[(n + position) % len(TOPICS)]
                agenda.append(
                    AgendaItem(
                        meeting=meeting,
                        position=position,
                        title=topic[0],
                        title_kk=topic[0],
                        title_ru=topic[1],
                        title_en=topic[2],
                    )
                )
    Meeting.objects.bulk_create(meetings)
    AgendaItem.objects.bulk_create(agenda)
    attendance, decisions = [], []
    numbers = {}
    index_of = {council.pk: i for i, (council, _s, _c) in enumerate(councils)}
    for item in agenda:
        meeting = item.meeting
        if meeting.starts_at > now:
            continue
        members = members_of[meeting.council_id]
        if item.position == 1:
            attendance += [
                Attendance(meeting=meeting, membership=m, present=i % 6 != 5)
                for i, m in enumerate(members)
            ]
        present = sum(1 for i in range(len(members)) if i % 6 != 5)
        number = numbers[meeting.council_id] = numbers.get(meeting.council_id, 0) + 1
        text = RECOMMENDATIONS[number % len(RECOMMENDATIONS)]
        adopted = (number + index_of[meeting.council_id]) % 7 != 3
        votes_for = present - 1 if adopted else present // 2
        decisions.append(
            Decision(
                council=meeting.council,
                agenda_item=item,
                number=number,
                text=text[0],
                text_kk=text[0],
                text_ru=text[1],
                text_en=text[2],
                votes_for=votes_for,
                votes_against=1 if adopted else present - votes_for,
                votes_abstained=0,
                adopted=adopted,
                response_due=meeting.starts_at.date() + datetime.timedelta(days=30)
                if adopted
                else None,
            )
        )
    Attendance.objects.bulk_create(attendance, batch_size=5000)
    Decision.objects.bulk_create(decisions)
    responses, items = [], []
    outcomes = ["accepted", "partly", "rejected", "accepted", None, "accepted", "partly", None]
    for i, decision in enumerate(d for d in decisions if d.adopted):
        outcome = outcomes[i % len(outcomes)]
        if outcome is None:  # awaiting: overdue when its date has passed
            continue
        deadline = (
            None if outcome == "rejected" else decision.response_due + datetime.timedelta(days=180)
        )
        responses.append(
            Response(
                decision=decision,
                outcome=outcome,
                deadline=deadline,
                reason="" if outcome == "accepted" else "Not within this year's budget.",
                responded_on=min(decision.response_due, today),
            )
        )
        if deadline:
            status, progress = [
                ("implemented", 100),
                ("in_progress", 40),
                ("planned", 0),
                ("partly", 50),
            ][i % 4]
            items.append(
                {
                    "code": f"{decision.council.code}-R{decision.number}",
                    "title": {
                        "kk": decision.text_kk,
                        "ru": decision.text_ru,
                        "en": decision.text_en,
                    },
                    "responsible_body_id": decision.council.state_body_id,
                    "region": decision.council.region,
                    "deadline": deadline,
                    "source": "council",
                    "status": status,
                    "progress": progress,
                }
            )
    Response.objects.bulk_create(responses)
    create_items_bulk(items)
    from accountability.models import Item

    by_code = dict(
        Item.objects.filter(code__in=[r["code"] for r in items]).values_list("code", "pk")
    )
    followed = []
    for decision in decisions:
        item_id = by_code.get(f"{decision.council.code}-R{decision.number}")
        if item_id:
            decision.item_id = item_id
            followed.append(decision)
    Decision.objects.bulk_update(followed, ["item"])
    return len(meetings), len(decisions)


def _secretary(council):
    from accounts import roles
    from registry.demo.accounts import demo_user

    user = demo_user(SECRETARY_EMAIL, "Сәуле Омарова", roles.COUNCIL_SECRETARY, is_staff=True)
    council.secretaries.add(user)
