"""Public pages of who funds whom: each organising state body and each recipient NGO, with CSV."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from registry import exports
from registry.models import NGO, StateBody

from .. import funding
from ..models import Competition

RECIPIENTS_SHOWN = 100


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
    header = [_("BIN"), _("Recipient"), _("Awards"), _("Total awarded, tenge")]
    rows = ([row.bin or "", row.name, row.count, row.total] for row in funding.recipients(body))
    return exports.table_response(f"recipients-{body.code}.csv", header, rows)


def recipient_csv(request, bin: str):
    ngo = get_object_or_404(NGO.objects.public(), bin=bin)
    header, rows = funding.award_table(funding.received_by(ngo))
    return exports.table_response(f"state-funding-{ngo.bin}.csv", header, rows)
