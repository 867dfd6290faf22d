"""Officials' screens after the results: contracts, instalments, report reviews, project status.

A contract page belongs to one winner (competition, lot, BIN); only officials of the organising
body see it. Every change goes through `tenders.services`.
"""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..models import Award, Competition, Contract, ProjectReport
from .access import competition_of, done, posted_number, tenders_view
from .forms import ContractForm, InstalmentForm, PaidForm, ReasonForm, ScheduleReportForm


def _award(request, number: str, lot: int, bin: str) -> Award:
    competition = competition_of(request, number)
    if not competition.may_organise:
        raise Http404
    # The award in force; a withdrawn one only to show its (terminated) contract.
    award = (
        Award.objects.select_related("lot__competition", "ngo", "application")
        .filter(lot__competition=competition, lot__number=lot, ngo__bin=bin)
        .filter(Q(withdrawn_at__isnull=True) | Q(contract__isnull=False))
        .order_by(F("withdrawn_at").desc(nulls_first=True), "-pk")
        .first()
    )
    if award is None:
        raise Http404
    award.contract_or_none = Contract.objects.filter(award=award).first()
    return award


@tenders_view
def contract_list(request):
    """Contracts of the official's bodies: those with overdue reports first, then to review."""
    contracts = (
        Contract.objects.managed_by(request.user)
        .with_progress()
        .select_related("award__ngo", "award__lot__competition")
        .annotate(
            attention=Case(
                When(overdue_count__gt=0, then=Value(0)),
                When(awaiting_count__gt=0, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("attention", "status", "ends_on", "number")
    )
    status = request.GET.get("status", "")
    if status in Contract.Status.values:
        contracts = contracts.filter(status=status)
    if request.GET.get("overdue"):
        contracts = contracts.filter(overdue_count__gt=0)
    awaiting = (
        Award.objects.published()
        .filter(
            lot__competition__in=Competition.objects.organised_by(request.user).values("pk"),
            contract__isnull=True,
            ngo__isnull=False,
            lot__competition__results_only=False,
        )
        .select_related("ngo", "lot__competition")
        .order_by("lot__competition__number", "lot__number")
    )
    return render(
        request,
        "tenders/staff/contracts.html",
        {
            "contracts": contracts[:200],
            "awaiting": awaiting[:50],
            "statuses": Contract.Status.choices,
            "status": status,
            "overdue": bool(request.GET.get("overdue")),
        },
    )


@tenders_view
def contract_page(request, number: str, lot: int, bin: str):
    award = _award(request, number, lot, bin)
    contract = award.contract_or_none
    user = request.user
    form = (
        ContractForm(instance=contract)
        if contract
        else ContractForm(initial={"amount": award.amount})
    )
    instalment_form, paid_form = InstalmentForm(prefix="instalment"), PaidForm()
    schedule_form, reason_form = ScheduleReportForm(), ReasonForm()
    if request.method == "POST":
        action = request.POST.get("action")
        changed = False
        if action in ("sign", "edit"):
            form = ContractForm(request.POST, instance=contract)
            if form.is_valid():
                data = {k: form.cleaned_data[k] for k in ContractForm.Meta.fields}
                changed = (
                    done(
                        request,
                        lambda: services.update_contract(contract, user, **data),
                        _("The contract has been saved."),
                    )
                    if contract
                    else done(
                        request,
                        lambda: services.sign_contract(award, user, **data),
                        _("Contract %(number)s has been entered.") % {"number": data["number"]},
                    )
                )
        elif contract and action == "instalment":
            instalment_form = InstalmentForm(request.POST, prefix="instalment")
            changed = instalment_form.is_valid() and done(
                request,
                lambda: services.add_instalment(contract, user, **instalment_form.cleaned_data),
                _("The instalment has been planned."),
            )
        elif contract and action == "approve":
            instalment = get_object_or_404(
                contract.instalments, number=posted_number(request, "number")
            )
            changed = done(
                request,
                lambda: services.approve_instalment(instalment, user),
                _("Instalment %(number)s has been approved for payment.")
                % {"number": instalment.number},
            )
        elif contract and action == "paid":
            paid_form = PaidForm(request.POST)
            if paid_form.is_valid():
                instalment = get_object_or_404(
                    contract.instalments, number=paid_form.cleaned_data["instalment"]
                )
                changed = done(
                    request,
                    lambda: services.mark_instalment_paid(
                        instalment, user, paid_form.cleaned_data["paid_on"]
                    ),
                    _("Instalment %(number)s is recorded as paid.") % {"number": instalment.number},
                )
        elif contract and action == "schedule":
            schedule_form = ScheduleReportForm(request.POST)
            changed = schedule_form.is_valid() and done(
                request,
                lambda: services.schedule_report(contract, user, **schedule_form.cleaned_data),
                _("The report has been added to the schedule."),
            )
        elif contract and action == "complete":
            changed = done(
                request,
                lambda: services.complete_project(contract, user),
                _("The project is recorded as completed."),
            )
        elif contract and action == "terminate":
            reason_form = ReasonForm(request.POST)
            changed = reason_form.is_valid() and done(
                request,
                lambda: services.terminate_project(
                    contract, user, reason_form.cleaned_data["reason"]
                ),
                _("The contract is recorded as terminated."),
            )
        if changed:
            return redirect(request.path)
    if contract:
        contract = Contract.objects.with_progress().get(pk=contract.pk)
    context = {
        "competition": award.lot.competition,
        "lot": award.lot,
        "award": award,
        "contract": contract,
        "form": form,
        "instalment_form": instalment_form,
        "paid_form": paid_form,
        "schedule_form": schedule_form,
        "reason_form": reason_form,
        "instalments": contract.instalments.all() if contract else [],
        "reports": contract.reports.all() if contract else [],
        "disbursed": (contract.disbursed or 0) if contract else 0,
    }
    return render(request, "tenders/staff/contract.html", context)


def _report(request, number, lot, bin, report) -> ProjectReport:
    award = _award(request, number, lot, bin)
    if award.contract_or_none is None:
        raise Http404
    item = get_object_or_404(
        ProjectReport.objects.select_related("submitted_by", "reviewed_by"),
        contract=award.contract_or_none,
        number=report,
    )
    item.contract = award.contract_or_none
    item.contract.award = award
    return item


@tenders_view
def report_review(request, number: str, lot: int, bin: str, report: int):
    item = _report(request, number, lot, bin, report)
    reason_form = ReasonForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept" and done(
            request,
            lambda: services.accept_report(item, request.user),
            _("The report has been accepted."),
        ):
            return redirect(request.path)
        if action == "return":
            reason_form = ReasonForm(request.POST)
            if reason_form.is_valid() and done(
                request,
                lambda: services.return_report(
                    item, request.user, reason_form.cleaned_data["reason"]
                ),
                _("The report has been returned to the organisation."),
            ):
                return redirect(request.path)
    award = item.contract.award
    return render(
        request,
        "tenders/staff/report.html",
        {
            "competition": award.lot.competition,
            "award": award,
            "contract": item.contract,
            "report": item,
            "reason_form": reason_form,
            "overdue": item.is_overdue(),
        },
    )


@tenders_view
def report_attachment(request, number: str, lot: int, bin: str, report: int):
    item = _report(request, number, lot, bin, report)
    if not item.attachment:
        raise Http404
    return FileResponse(item.attachment.open("rb"), as_attachment=True)
