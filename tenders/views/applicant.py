"""An NGO's side of competitions: apply, save a draft, submit, withdraw, see the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count, Min, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registry.models import NGO
from registry.staff.views import page_of

from .. import permissions, services
from ..forms import ApplicationForm, BudgetFormSet, ReportForm, StartApplicationForm, budget_lines
from ..models import Appeal, Application, Competition, Contract, ProjectReport, Score, ScoreSheet


def _my_ngos(user):
    return NGO.objects.represented_by(user).filter(status__in=permissions.APPLYING_STATUSES)


@login_required
def apply(request, number: str):
    services.follow_the_clock()
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
    services.follow_the_clock()
    applications = (
        Application.objects.filter(ngo__in=NGO.objects.represented_by(request.user))
        .select_related("lot__competition", "ngo", "award__contract")
        .annotate(
            next_due=Min(
                "award__contract__reports__due_on",
                filter=Q(award__contract__reports__status__in=ProjectReport.OPEN_STATUSES),
            ),
            reports_due=Count(
                "award__contract__reports",
                filter=Q(award__contract__reports__status__in=ProjectReport.OPEN_STATUSES),
            ),
            reports_overdue=Count(
                "award__contract__reports",
                filter=Q(
                    award__contract__reports__status__in=ProjectReport.OPEN_STATUSES,
                    award__contract__reports__due_on__lt=timezone.localdate(),
                    award__contract__status=Contract.Status.IN_PROGRESS,
                ),
            ),
        )
        .prefetch_related(Prefetch("appeals", queryset=Appeal.objects.order_by("-filed_at", "-pk")))
        .order_by("-reports_overdue", "-created_at", "-pk")
    )
    page = page_of(request, applications)
    return render(
        request, "tenders/my_applications.html", {"applications": page.object_list, "page": page}
    )


def own_application(request, number: str) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("lot__competition__organiser", "ngo"), number=number
    )
    if not permissions.may_apply_for(request.user, application.ngo):
        raise Http404  # whether the number exists is nobody else's business
    return application


def _scores(application: Application) -> list:
    """After publication the applicant sees the commission's mean points per criterion."""
    means = dict(
        Score.objects.filter(sheet__in=ScoreSheet.objects.counted().filter(application=application))
        .values_list("criterion")
        .annotate(points=Avg("points"))
    )
    criteria = application.lot.competition.criteria.order_by("position")
    return [
        {"criterion": criterion, "points": means[criterion.pk]}
        for criterion in criteria
        if criterion.pk in means
    ]


@login_required
def application_detail(request, number: str):
    services.follow_the_clock()
    application = own_application(request, number)
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
        "contract": _contract(application) if published else None,
        "scores": _scores(application) if published else [],
        "mean": ScoreSheet.objects.counted()
        .filter(application=application)
        .aggregate(mean=Avg("total"))["mean"]
        if published
        else None,
    }
    return render(request, "tenders/application.html", context)


@login_required
@require_POST
def withdraw(request, number: str):
    application = own_application(request, number)
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


def _contract(application: Application) -> Contract | None:
    """The project's contract, with the instalments paid and the report schedule."""
    contract = (
        Contract.objects.filter(award__application=application, award__withdrawn_at__isnull=True)
        .select_related("award")
        .prefetch_related("instalments", "reports")
        .first()
    )
    if contract is not None:
        contract.paid = [i for i in contract.instalments.all() if i.status == "paid"]
        contract.paid_total = sum(i.amount for i in contract.paid)
    return contract


def _own_report(request, number: str, report: int) -> ProjectReport:
    application = own_application(request, number)
    return get_object_or_404(
        ProjectReport.objects.select_related("contract__award__ngo"),
        contract__award__application=application,
        number=report,
    )


@login_required
def file_report(request, number: str, report: int):
    """The NGO files a due (or returned) report: narrative, indicators, money spent, document."""
    item = _own_report(request, number, report)
    initial = {"narrative": item.narrative, "indicators": item.indicators, "spent": item.spent}
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_report(item, request.user, **form.cleaned_data)
        except services.TenderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Report %(number)s has been submitted; the organiser will review it.")
                % {"number": item.number},
            )
            return redirect("tenders:application", number=number)
    return render(
        request,
        "tenders/report_form.html",
        {
            "application_number": number,
            "report": item,
            "contract": item.contract,
            "form": form,
            "editable": item.is_open and item.contract.status == Contract.Status.IN_PROGRESS,
        },
    )


@login_required
def report_attachment(request, number: str, report: int):
    item = _own_report(request, number, report)
    if not item.attachment:
        raise Http404
    return FileResponse(item.attachment.open("rb"), as_attachment=True)
