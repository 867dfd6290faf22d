"""An NGO's side of competitions: apply, save a draft, submit, withdraw, see the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registry.models import NGO

from . import permissions, services
from .forms import ApplicationForm, BudgetFormSet, StartApplicationForm, budget_lines
from .models import Appeal, Application, Competition, Score


def _my_ngos(user):
    return NGO.objects.represented_by(user).filter(status__in=permissions.APPLYING_STATUSES)


@login_required
def apply(request, number: str):
    competition = get_object_or_404(Competition.objects.public(), number=number)
    form = StartApplicationForm(
        request.POST or None, ngos=_my_ngos(request.user), lots=competition.lots.all()
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(
                form.cleaned_data["ngo"], form.cleaned_data["lot"], request.user
            )
        except services.TenderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your application has been started as a draft."))
            return redirect("tenders:application", number=application.number)
    return render(
        request,
        "tenders/apply.html",
        {"competition": competition, "form": form, "has_ngos": _my_ngos(request.user).exists()},
    )


@login_required
def my_applications(request):
    applications = (
        Application.objects.filter(ngo__in=NGO.objects.represented_by(request.user))
        .select_related("lot__competition", "ngo", "award")
        .prefetch_related(Prefetch("appeals", queryset=Appeal.objects.order_by("-filed_at", "-pk")))
        .order_by("-created_at")
    )
    return render(request, "tenders/my_applications.html", {"applications": applications})


def _own(request, number: str) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("lot__competition__organiser", "ngo"), number=number
    )
    if not permissions.may_apply_for(request.user, application.ngo):
        raise Http404  # whether the number exists is nobody else's business
    return application


def _scores(application: Application) -> list:
    """After publication the applicant sees the commission's mean points per criterion."""
    return list(
        Score.objects.filter(sheet__application=application, sheet__submitted_at__isnull=False)
        .values("criterion__name", "criterion__weight", "criterion__max_points")
        .annotate(points=Avg("points"))
        .order_by("criterion__position")
    )


@login_required
def application_detail(request, number: str):
    application = _own(request, number)
    competition = application.lot.competition
    form = ApplicationForm(request.POST or None, instance=application)
    initial = list(application.budget_lines.values("item", "amount"))
    budget = BudgetFormSet(request.POST or None, initial=initial, prefix="budget")
    valid = request.method == "POST" and form.is_valid() and budget.is_valid()
    if valid and application.is_editable:
        submit = "submit" in request.POST
        try:
            services.update_application(
                application, request.user, form.cleaned_data, budget_lines(budget)
            )
            if submit:
                services.submit_application(application, request.user)
        except services.TenderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Your application %(number)s has been submitted.")
                % {"number": application.number}
                if submit
                else _("The draft has been saved."),
            )
            return redirect("tenders:application", number=application.number)
    published = competition.status in Competition.RESULT_STATUSES
    context = {
        "application": application,
        "competition": competition,
        "form": form,
        "budget": budget,
        "editable": application.is_editable
        and (application.status == Application.Status.RETURNED or competition.is_accepting()),
        "published": published,
        "appeals": list(application.appeals.order_by("filed_at", "pk")),
        "appeal_deadline": services.appeal_deadline(competition) if published else None,
        "may_appeal": published
        and services.may_still_appeal(competition)
        and application.status not in (Application.Status.DRAFT, Application.Status.WITHDRAWN)
        and not application.appeals.filter(status__in=Appeal.OPEN_STATUSES).exists(),
        "award": getattr(application, "award", None) if published else None,
        "scores": _scores(application) if published else [],
        "mean": application.sheets.filter(submitted_at__isnull=False).aggregate(mean=Avg("total"))[
            "mean"
        ]
        if published
        else None,
    }
    return render(request, "tenders/application.html", context)


@login_required
@require_POST
def withdraw(request, number: str):
    application = _own(request, number)
    try:
        services.withdraw_application(application, request.user)
    except services.TenderError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Application %(number)s has been withdrawn; you may apply again before the close.")
            % {"number": application.number},
        )
    return redirect("tenders:application", number=application.number)
