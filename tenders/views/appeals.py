"""Appeals against published results: the applicant files one; the public sees the outcomes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..forms import AppealForm
from ..models import Appeal, Competition
from .applicant import own_application


@login_required
def file(request, number: str):
    application = own_application(request, number)
    competition = application.lot.competition
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.file_appeal(application, request.user, form.cleaned_data["grounds"])
        except services.TenderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Your appeal %(number)s has been filed; the organiser will answer it.")
                % {"number": appeal.number},
            )
            return redirect("tenders:application", number=application.number)
    return render(
        request,
        "tenders/appeal.html",
        {
            "application": application,
            "competition": competition,
            "form": form,
            "deadline": services.appeal_deadline(competition),
            "open": services.may_still_appeal(competition),
        },
    )


def outcomes(competition: Competition) -> dict | None:
    """Public counts of a competition's appeals by outcome, in one query."""
    counts = Appeal.objects.filter(application__lot__competition=competition).aggregate(
        total=Count("pk"),
        upheld=Count("pk", filter=Q(status=Appeal.Status.UPHELD)),
        dismissed=Count("pk", filter=Q(status=Appeal.Status.DISMISSED)),
        pending=Count("pk", filter=Q(status__in=Appeal.OPEN_STATUSES)),
    )
    return counts if counts["total"] else None
