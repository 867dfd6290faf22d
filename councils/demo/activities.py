"""What the councils do besides meeting: trainings of members, officials' reports heard,
public hearings and monitoring."""

import datetime

from ..models import Activity, Council, Training
from .names import activity_title, official_name, training_topic


def trainings(seats):
    # 3,000 members of public councils trained in 2025 (60 trainings of 50), a few in 2026.
    public_people = [p for p, m in seats if m.council.kind == Council.Kind.PUBLIC]
    trainings = [
        Training(held_on=datetime.date(2025, 2 + i % 10, 1 + i % 27), topic=training_topic(i))
        for i in range(60)
    ]
    trainings += [
        Training(held_on=datetime.date(2026, 3, 10 + i), topic=training_topic(i)) for i in range(6)
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


def activities(rng, today, plan):
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
                    title=activity_title(kind, i),
                    official=official_name(i) if kind == "report" else "",
                )
            )
    Activity.objects.bulk_create(activities, batch_size=5000)
