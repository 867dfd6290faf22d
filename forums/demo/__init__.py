"""Demo data of the Civil Forums: the national forums I (2003), II (2005), V (2011) and XII (2025).

The XII has its 20 regional forums, 14 sectoral meetings with ministries, sections, 1,000+
registered participants and 400 adopted recommendations in the action plan, in every state:
planned, in progress, implemented, partly, not implemented, rejected; nested into measures, some
overdue, some contested by NGOs. An upcoming Charity Forum takes registrations (a waiting list).
Everything is written with bulk inserts in one transaction; a second run changes nothing.
"""

import datetime
import random
import time

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accountability import services as accountability
from accountability.models import Change, Contestation, Item
from accounts import roles
from accounts.models import User
from registry.models import NGO, ActivityArea, Region, Representation, StateBody

from ..models import (
    Event,
    Forum,
    ForumDocument,
    Origin,
    Question,
    Recommendation,
    Registration,
    Section,
)
from . import texts

ORGANISER_EMAIL = "forums@demo.kz"
PARTICIPANTS = 1_100
ADOPTED = 400
MINISTRIES = ["mci", "mlsp", "moh", "mop", "meco", "government", "csci"]


def aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load(stdout) -> None:
    started = time.monotonic()
    if Forum.objects.filter(number="XII").exists():
        stdout.write("Forums: the demo is already loaded")
        return
    with transaction.atomic():
        counts = Demo(random.Random(2025)).build()
    stdout.write(
        "Forums: {forums} forums, {events} events, {registrations} registrations, "
        "{adopted} adopted recommendations in the action plans ({seconds:.1f} s)".format(
            **counts, seconds=time.monotonic() - started
        )
    )


class Demo:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.today = timezone.localdate()
        self.regions = list(Region.objects.current().top_level().order_by("kato"))
        self.bodies = {b.code: b for b in StateBody.objects.all()}
        self.areas = list(ActivityArea.objects.all())
        self.ngos = list(NGO.objects.public().order_by("pk").values_list("pk", "region_id")[:3000])
        self.region_of = {r.pk: r for r in self.regions}
        self.top = self._top_regions()

    def _top_regions(self) -> dict[int, int]:
        parents = dict(Region.objects.values_list("pk", "parent_id"))
        top = {}
        for pk in parents:
            current = pk
            while parents.get(current):
                current = parents[current]
            top[pk] = current
        return top

    # Forums and events

    def build(self) -> dict:
        organiser = self.organiser()
        forums = [self.forum(*spec) for spec in texts.FORUMS]
        xii = forums[-1]
        events = []
        for forum in forums:
            events.append(self.plenary(forum))
        regional = [self.regional(xii, index, region) for index, region in enumerate(self.regions)]
        sectoral = [self.sectoral(xii, index, spec) for index, spec in enumerate(texts.SECTORAL)]
        others = [self.other(spec) for spec in texts.OTHER_EVENTS]
        events += regional + sectoral + others
        Event.objects.bulk_create(events)
        self.sections(events[len(forums) - 1], regional[:3])
        charity = others[-1]
        Question.objects.bulk_create(
            [
                Question(event=charity, position=1, required=True, **texts.QUESTION_PROJECT),
                Question(event=charity, position=2, required=False, **texts.QUESTION_ACCESS),
            ]
        )
        registrations = self.registrations(events[len(forums) - 1], regional + sectoral, charity)
        adopted = self.recommendations(xii, regional, sectoral, organiser)
        for forum in forums[:-1]:
            adopted += self.old_plan(forum, events[forums.index(forum)])
        ForumDocument.objects.bulk_create(
            ForumDocument(forum=xii, position=i, url=url, **title)
            for i, (title, url) in enumerate(texts.DOCUMENTS)
        )
        return {
            "forums": len(forums),
            "events": len(events),
            "registrations": registrations,
            "adopted": adopted,
        }

    def organiser(self) -> User:
        from registry.demo.accounts import demo_user

        user = demo_user(ORGANISER_EMAIL, "Дана Әлиева", roles.FORUM_ORGANISER, is_staff=True)
        self.bodies["mci"].officials.add(user)
        return user

    def forum(self, number, starts, ends, month_only, title, theme, city, status) -> Forum:
        forum = Forum(
            number=number,
            starts_on=starts,
            ends_on=ends,
            month_only=month_only,
            status=status,
            **title,
            **theme,
            **city,
            **texts.VENUE,
        )
        forum.save()
        forum.organiser_bodies.set([self.bodies["mci"], self.bodies["government"]])
        if self.ngos:
            forum.partner_ngos.set([pk for pk, _region in self.ngos[:3]])
        return forum

    def plenary(self, forum) -> Event:
        day = forum.starts_on
        return Event(
            code=forum.number,
            forum=forum,
            kind=Event.Kind.PLENARY,
            starts_at=aware(day),
            ends_at=aware(forum.ends_on, 18),
            capacity=1000 if forum.number == "XII" else None,
            status=Event.Status.HELD,
            **texts.plenary_title(forum.number),
            **texts.ASTANA,
            **texts.VENUE,
        )

    def regional(self, forum, index, region) -> Event:
        day = datetime.date(2025, 9, 8) + datetime.timedelta(days=2 * index)
        return Event(
            code=f"{forum.number}-{region.kato}",
            forum=forum,
            kind=Event.Kind.REGIONAL,
            region=region,
            starts_at=aware(day),
            ends_at=aware(day, 17),
            capacity=150,
            status=Event.Status.HELD,
            **texts.regional_title(region),
            **texts.regional_city(region),
        )

    def sectoral(self, forum, index, spec) -> Event:
        code, title = spec
        day = datetime.date(2025, 10, 6) + datetime.timedelta(days=index)
        return Event(
            code=f"{forum.number}-S{index + 1:02d}",
            forum=forum,
            kind=Event.Kind.SECTORAL,
            ministry=self.bodies[code],
            starts_at=aware(day, 11),
            ends_at=aware(day, 16),
            capacity=80,
            status=Event.Status.HELD,
            **title,
            **texts.ASTANA,
        )

    def other(self, spec) -> Event:
        code, title, offset_days, capacity, status = spec
        start = aware(self.today + datetime.timedelta(days=offset_days))
        return Event(
            code=code,
            kind=Event.Kind.OTHER,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=7),
            capacity=capacity,
            status=status,
            **title,
            **texts.ASTANA,
        )

    def sections(self, plenary, regional) -> None:
        sections = []
        for position, (title, moderators, _areas) in enumerate(texts.SECTIONS, start=1):
            sections.append(
                Section(
                    event=plenary, position=position, moderators=moderators, capacity=200, **title
                )
            )
        for event in regional:
            for position, (title, moderators, _areas) in enumerate(texts.SECTIONS[:3], start=1):
                sections.append(
                    Section(event=event, position=position, moderators=moderators, **title)
                )
        Section.objects.bulk_create(sections)
        by_code = {a.code: a for a in self.areas}
        links = []
        through = Section.topics.through
        for section in sections:
            _title, _moderators, areas = texts.SECTIONS[section.position - 1]
            links += [
                through(section_id=section.pk, activityarea_id=by_code[code].pk)
                for code in areas
                if code in by_code
            ]
        through.objects.bulk_create(links)
        self.plenary_sections = [s for s in sections if s.event_id == plenary.pk]

    # Participants

    def registrations(self, plenary, regional, charity) -> int:
        password = make_password(None)
        users = [
            User(
                email=f"participant{n:04d}@demo.kz",
                full_name=texts.person(n),
                password=password,
                email_verified=True,
            )
            for n in range(1, PARTICIPANTS + 1)
        ]
        User.objects.bulk_create(users)
        now = timezone.now()
        ngos = self.ngos or [(None, None)]
        representations, registrations = [], []
        people = []
        for n, user in enumerate(users):
            ngo_id, region_id = ngos[n % len(ngos)]
            people.append((user, ngo_id, self.top.get(region_id) if region_id else None))
            if ngo_id:
                representations.append(
                    Representation(
                        user=user,
                        ngo_id=ngo_id,
                        status=Representation.Status.APPROVED,
                        decided_at=now,
                    )
                )
        Representation.objects.bulk_create(representations, ignore_conflicts=True)
        body_cycle = [self.bodies[c] for c in MINISTRIES]

        def registration(event, number, person, status, section=None, attended=True):
            user, ngo_id, region_id = person
            kind = Registration.Kind.NGO if ngo_id else Registration.Kind.EXPERT
            if number % 25 == 0:
                kind = Registration.Kind.OFFICIAL
            body = (
                body_cycle[number % len(body_cycle)] if kind == Registration.Kind.OFFICIAL else None
            )
            if kind == Registration.Kind.EXPERT and region_id is None:
                region_id = self.regions[number % len(self.regions)].pk
            return Registration(
                code=f"{event.code}-{number:04d}",
                event=event,
                section=section,
                user=user,
                full_name=user.full_name,
                kind=kind,
                ngo_id=ngo_id if kind == Registration.Kind.NGO else None,
                state_body=body,
                affiliation=texts.EXPERT_AFFILIATION if kind == Registration.Kind.EXPERT else "",
                region_id=body.region_id if body else region_id,
                consent_at=event.starts_at - datetime.timedelta(days=14),
                status=status,
                confirmed_at=event.starts_at - datetime.timedelta(days=14)
                if status == Registration.Status.CONFIRMED
                else None,
                cancelled_at=event.starts_at - datetime.timedelta(days=3)
                if status == Registration.Status.CANCELLED
                else None,
                attended_at=event.starts_at
                if attended and status == Registration.Status.CONFIRMED
                else None,
            )

        sections = self.plenary_sections
        for n, person in enumerate(people[:1030], start=1):
            status = Registration.Status.CONFIRMED if n <= 1000 else Registration.Status.CANCELLED
            registrations.append(
                registration(
                    plenary, n, person, status, sections[n % len(sections)], attended=n % 9 != 0
                )
            )
        for index, event in enumerate(regional):
            offset = index * 30
            for n in range(1, 31):
                person = people[(offset + n) % len(people)]
                registrations.append(
                    registration(event, n, person, Registration.Status.CONFIRMED, attended=n % 7)
                )
        # The upcoming Charity Forum: full, with a waiting list.
        for n in range(1, (charity.capacity or 0) + 4):
            person = people[-n]
            status = (
                Registration.Status.CONFIRMED
                if n <= charity.capacity
                else Registration.Status.WAITING
            )
            registrations.append(registration(charity, n, person, status, attended=False))
        Registration.objects.bulk_create(registrations, batch_size=1000)
        return len(registrations)

    # Recommendations and the action plan

    def recommendations(self, xii, regional, sectoral, organiser) -> int:
        rng = self.rng
        sources = regional + sectoral
        recommendations, origins, rows, changes = [], [], [], []
        adopted_at = aware(xii.ends_on, 17)
        statuses = texts.PLAN_STATUSES
        ngo_ids = [pk for pk, _region in self.ngos]
        total = ADOPTED + 60
        for n in range(1, total + 1):
            area = self.areas[n % len(self.areas)]
            source = sources[n % len(sources)]
            body = self._body_for(source, n)
            title = texts.recommendation_title(n, area)
            status = Recommendation.Status.ADOPTED
            if n > ADOPTED:
                status = (
                    Recommendation.Status.PROPOSED
                    if n <= ADOPTED + 20
                    else Recommendation.Status.NOT_ADOPTED
                    if n <= ADOPTED + 30
                    else Recommendation.Status.MERGED
                )
            recommendations.append(
                Recommendation(
                    code=f"{xii.number}-{n:04d}",
                    forum=xii,
                    responsible_body=body,
                    topic=area,
                    region=source.region,
                    status=status,
                    adopted_at=adopted_at if status == Recommendation.Status.ADOPTED else None,
                    adopted_by=organiser if status == Recommendation.Status.ADOPTED else None,
                    **title,
                )
            )
        merged = [r for r in recommendations if r.status == Recommendation.Status.MERGED]
        Recommendation.objects.bulk_create(
            [r for r in recommendations if r.status != Recommendation.Status.MERGED],
            batch_size=1000,
        )
        for n, rec in enumerate(merged, start=1):
            rec.merged_into = recommendations[(n * 37) % ADOPTED]
        Recommendation.objects.bulk_create(merged)
        for n, rec in enumerate(recommendations, start=1):
            target = rec.merged_into or rec
            for k in range(1 + (n % 3 == 0)):
                source = sources[(n + 11 * k) % len(sources)]
                origins.append(
                    Origin(
                        recommendation=target,
                        event=source,
                        ngo_id=ngo_ids[(n * 13 + k) % len(ngo_ids)] if ngo_ids else None,
                        wording=rec.title_ru,
                    )
                )
        Origin.objects.bulk_create(origins, batch_size=1000)
        for n, rec in enumerate(recommendations[:ADOPTED], start=1):
            status = statuses[n % len(statuses)]
            deadline = self.today + datetime.timedelta(days=rng.randint(-420, 540))
            if status in Item.OPEN_STATUSES and n % 5 == 0:
                deadline = self.today - datetime.timedelta(days=rng.randint(10, 300))
            row = self._row(rec, status, deadline, n)
            rows.append(row)
            if n % 8 == 0:  # split into measures, the item's progress comes from them
                for m in range(1, 3 + n % 2):
                    measure_status = statuses[(n + m) % len(statuses)]
                    if measure_status in Item.NEEDS_NOTE:
                        measure_status = Item.Status.IN_PROGRESS
                    rows.append(
                        {
                            "code": f"{rec.code}.{m}",
                            "parent_code": rec.code,
                            "title": texts.measure_title(m),
                            "responsible_body": rec.responsible_body,
                            "deadline": deadline - datetime.timedelta(days=60 * (3 - m)),
                            "region": rec.region,
                            "topic": rec.topic,
                            "status": measure_status,
                            "source": "forum",
                        }
                    )
        accountability.create_items_bulk(rows)
        items = {item.code: item for item in Item.objects.filter(code__startswith=f"{xii.number}-")}
        for rec in recommendations[:ADOPTED]:
            rec.plan_item = items[rec.code]
        Recommendation.objects.bulk_update(
            recommendations[:ADOPTED], ["plan_item"], batch_size=1000
        )
        for item in items.values():
            if item.status != Item.Status.PLANNED:
                changes.append(self._status_change(item))
        Change.objects.bulk_create(changes, batch_size=1000)
        self.contest(items, ngo_ids)
        return ADOPTED

    def _body_for(self, source, n) -> StateBody:
        if source.kind == Event.Kind.SECTORAL:
            return source.ministry
        if n % 3 == 0:
            return self.bodies[MINISTRIES[n % len(MINISTRIES)]]
        return self.bodies.get(f"akimat-{source.region.kato}") or self.bodies["mci"]

    def _row(self, rec, status, deadline, n) -> dict:
        progress = {
            Item.Status.IN_PROGRESS: 10 + (n * 7) % 80,
            Item.Status.PARTLY: 30 + (n * 3) % 50,
        }.get(status)
        return {
            "code": rec.code,
            "title": {"kk": rec.title_kk, "ru": rec.title_ru, "en": rec.title_en},
            "responsible_body": rec.responsible_body,
            "deadline": deadline,
            "region": rec.region,
            "topic": rec.topic,
            "status": status,
            "progress": progress,
            "source": "forum",
        }

    def _status_change(self, item) -> Change:
        note = texts.STATUS_NOTES.get(item.status, {})
        return Change(
            item=item,
            at=timezone.now() - datetime.timedelta(days=self.rng.randint(5, 200)),
            by_body_id=item.responsible_body_id,
            kind=Change.Kind.STATUS,
            old_value=Item.Status.PLANNED,
            new_value=item.status,
            note=note.get("ru", ""),
            evidence_url="https://www.gov.kz/" if item.status == Item.Status.IMPLEMENTED else "",
        )

    def contest(self, items, ngo_ids) -> None:
        if not ngo_ids:
            return
        implemented = sorted(
            (i for i in items.values() if i.status == Item.Status.IMPLEMENTED and not i.parent_id),
            key=lambda item: item.code,
        )
        Contestation.objects.bulk_create(
            Contestation(
                item=item,
                ngo_id=ngo_ids[(index * 31) % len(ngo_ids)],
                text=texts.CONTEST_TEXT,
                link="https://example.kz/monitoring",
            )
            for index, item in enumerate(implemented[::6][:15])
        )

    def old_plan(self, forum, plenary) -> int:
        """A few adopted recommendations of an earlier forum, long since decided."""
        recs, rows, origins = [], [], []
        for n in range(1, 9):
            area = self.areas[(n * 5 + forum.ordinal) % len(self.areas)]
            body = self.bodies[MINISTRIES[(n + forum.ordinal) % len(MINISTRIES)]]
            rec = Recommendation(
                code=f"{forum.number}-{n:04d}",
                forum=forum,
                responsible_body=body,
                topic=area,
                status=Recommendation.Status.ADOPTED,
                adopted_at=aware(forum.ends_on, 17),
                **texts.recommendation_title(n + forum.ordinal * 3, area),
            )
            recs.append(rec)
            status = Item.Status.IMPLEMENTED if n % 4 else Item.Status.PARTLY
            rows.append(
                self._row(rec, status, forum.ends_on + datetime.timedelta(days=365 + 30 * n), n)
            )
        Recommendation.objects.bulk_create(recs)
        origins = [Origin(recommendation=rec, event=plenary, wording=rec.title_ru) for rec in recs]
        Origin.objects.bulk_create(origins)
        accountability.create_items_bulk(rows)
        items = {i.code: i for i in Item.objects.filter(code__in=[r.code for r in recs])}
        for rec in recs:
            rec.plan_item = items[rec.code]
        Recommendation.objects.bulk_update(recs, ["plan_item"])
        return len(recs)
