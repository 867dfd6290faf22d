"""Competitions of this year, open now, so the demo NGO login can apply."""

import datetime
from decimal import Decimal

from django.utils import timezone

from ..models import Competition, Lot
from .figures import MILLION, PLAN_2025, THEMES, Mechanism


class OpenNowDemo:
    def open_now(self, experts) -> None:
        """Competitions of this year: some accepting applications now, one evaluating."""
        year = timezone.localdate().year
        if Competition.objects.filter(year=year, mechanism=Mechanism.SOCIAL_ORDER).exists():
            return
        now = timezone.now()
        plans = [
            ("mci", Competition.Status.ACCEPTING, -5, 20),
            ("mlsp", Competition.Status.ACCEPTING, -10, 12),
            (f"akimat-{self.akimats[0].region.kato}", Competition.Status.ACCEPTING, -2, 28),
            ("mop", Competition.Status.ANNOUNCED, 5, 35),
            ("moh", Competition.Status.EVALUATING, -40, -5),
        ]
        for index, (code, status, opens, closes) in enumerate(plans, start=1):
            organiser = self.bodies.get(code, self.bodies["mci"])
            main = self.areas[(index + 1) % len(self.areas)]  # the first lot's area
            title = tuple(
                f"{base}: {theme}"
                for base, theme in zip(PLAN_2025[0][3], THEMES[main.code], strict=True)
            )
            competition = self.competition(
                f"{year}-SSO-{index:04d}",
                Mechanism.SOCIAL_ORDER,
                organiser,
                year,
                title,
                status=status,
                opens_at=now + datetime.timedelta(days=opens),
                closes_at=now + datetime.timedelta(days=closes),
                announced_at=now + datetime.timedelta(days=opens - 7),
                pass_score=Decimal(50),
            )
            competition.save()
            self.criteria(competition)
            for number in range(1, 4):
                area = self.areas[(index + number) % len(self.areas)]
                kk, ru, en = THEMES[area.code]
                Lot.objects.create(
                    competition=competition,
                    number=number,
                    theme_kk=kk,
                    theme_ru=ru,
                    theme_en=en,
                    activity_area=area,
                    region=organiser.region,
                    budget=self.rng.randint(5, 20) * MILLION,
                )
                self.counts["lots"] += 1
