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

import random
import time

from django.db import transaction
from django.utils import timezone

from ..models import Council, refresh_flags
from .activities import activities, trainings
from .bodies import councils
from .meetings import meetings as hold_meetings
from .members import members, secretary
from .names import MARKER, SECRETARY_EMAIL

__all__ = ["MARKER", "SECRETARY_EMAIL", "load"]


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
    plan, venues, parent = councils()
    seats = members(rng, today, plan, venues)
    trainings(seats)
    activities(rng, today, plan)
    meetings, decisions = hold_meetings(
        rng, today, plan[:40] + [(c, 8, 2) for c in venues[:20]], seats
    )
    secretary(parent)
    refresh_flags(Council.objects.all(), today)
    return {
        "public": len(plan),
        "members": sum(s for _c, s, _v in plan),
        "venues": len(venues),
        "meetings": meetings,
        "decisions": decisions,
    }
