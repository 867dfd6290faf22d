"""The 2003, 2004 and 2005 rounds, from their published results only."""

import datetime

from registry.models import NGO

from ..models import Award, Competition, Lot
from .base import split
from .figures import HISTORICAL_ROUNDS, ROUND_TITLES, THEMES, Mechanism


class HistoryDemo:
    def historical_rounds(self) -> None:
        founded = list(
            NGO.objects.filter(registered_on__lt=datetime.date(2003, 1, 1))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        organiser = self.bodies["mci"]
        for year, published, applications, applicants, winners, total in HISTORICAL_ROUNDS:
            number = f"{year}-SSO-0001"
            if Competition.objects.filter(number=number).exists():
                continue
            moment = self.moment(published)
            competition = self.competition(
                number,
                Mechanism.SOCIAL_ORDER,
                organiser,
                year,
                ROUND_TITLES[year],
                status=Competition.Status.CLOSED,
                results_only=True,
                reported_applications=applications,
                reported_applicants=applicants,
                announced_at=moment,
                published_at=moment,
            )
            competition.save()
            amounts = split(total, winners, self.rng)
            recipients = self.rng.sample(founded, min(winners, len(founded)))
            for number_in_round, amount in enumerate(amounts, start=1):
                area = self.rng.choice(self.areas)
                kk, ru, en = THEMES[area.code]
                lot = Lot.objects.create(
                    competition=competition,
                    number=number_in_round,
                    theme_kk=kk,
                    theme_ru=ru,
                    theme_en=en,
                    activity_area=area,
                    budget=amount,
                )
                ngo_id = (
                    recipients[number_in_round - 1] if number_in_round <= len(recipients) else None
                )
                Award.objects.create(
                    lot=lot,
                    ngo_id=ngo_id,
                    recipient_name=""
                    if ngo_id
                    else f"ҮЕҰ №{number_in_round} / НПО №{number_in_round}",
                    amount=amount,
                    decided_at=moment,
                )
                self.counts["lots"] += 1
                self.counts["awards"] += 1
