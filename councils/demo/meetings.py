"""Meetings of the councils, their recommendations and the bodies' responses, the accepted
ones followed as accountability items."""

import datetime

from django.utils import timezone

from ..models import AgendaItem, Attendance, Decision, Meeting, Response
from .names import RECOMMENDATIONS, TOPICS


def meetings(rng, today, councils, seats):
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
