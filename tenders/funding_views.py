"""Public pages of who funds whom: each organising state body and each recipient NGO, with CSV."""

import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from registry.models import NGO, StateBody

from . import funding
from .models import Competition

RECIPIENTS_SHOWN = 100


def _csv(filename: str):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    return response, csv.writer(response, delimiter=";")


def organiser_list(request):
    return render(request, "tenders/organisers.html", {"organisers": funding.organisers()})


def organiser_detail(request, code: str):
    body = get_object_or_404(StateBody, code=code)
    competitions = Competition.objects.public().filter(organiser=body).order_by("-year", "-number")
    recipients = funding.recipients(body)
    return render(
        request,
        "tenders/organiser.html",
        {
            "body": body,
            "competitions": list(competitions[:200]),
            "by_year": funding.by_year(
                funding.published_awards().filter(lot__competition__organiser=body)
            ),
            "recipients": recipients[:RECIPIENTS_SHOWN],
            "recipient_count": len(recipients),
            "shown": RECIPIENTS_SHOWN,
        },
    )


def organiser_recipients_csv(request, code: str):
    body = get_object_or_404(StateBody, code=code)
    response, writer = _csv(f"recipients-{body.code}.csv")
    writer.writerow([_("BIN"), _("Recipient"), _("Awards"), _("Total awarded, tenge")])
    for row in funding.recipients(body):
        writer.writerow([row.bin or "", row.name, row.count, row.total])
    return response


def recipient_csv(request, bin: str):
    ngo = get_object_or_404(NGO.objects.public(), bin=bin)
    response, writer = _csv(f"state-funding-{ngo.bin}.csv")
    writer.writerow(
        [
            _("Year"),
            _("Competition"),
            _("Funding mechanism"),
            _("Organiser code"),
            _("Organiser"),
            _("Lot"),
            _("Amount awarded, tenge"),
        ]
    )
    for award in funding.received_by(ngo):
        competition = award.lot.competition
        writer.writerow(
            [
                competition.year,
                competition.number,
                competition.get_mechanism_display(),
                competition.organiser.code,
                competition.organiser.name,
                award.lot.code,
                award.amount,
            ]
        )
    return response
