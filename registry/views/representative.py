"""An NGO representative's own pages: my NGOs, a new NGO or a claim, the profile, submitting
it, confirming its data, and documents."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import (
    ClaimForm,
    DocumentForm,
    NewAnnualReportForm,
    NewNGOForm,
    NGOProfileForm,
)
from ..models import (
    NGO,
    AnnualReport,
    Document,
    ParticularsChange,
    report_year_due,
)
from ..permissions import may_see_documents, ngo_for_representative
from ..staff.compare import label


@login_required
def my_ngos(request):
    """One line per NGO: where it stands and what to do next."""
    representations = list(
        request.user.representations.select_related("ngo", "ngo__region").order_by("-created_at")
    )
    filed: dict[int, set[int]] = {}
    for ngo_id, year in (
        AnnualReport.objects.submitted()
        .filter(ngo__in=[rep.ngo_id for rep in representations], year__gte=report_year_due())
        .values_list("ngo_id", "year")
    ):
        filed.setdefault(ngo_id, set()).add(year)
    rows = []
    for rep in representations:
        situation = rep.situation(filed.get(rep.ngo_id, set()))
        year = rep.ngo.report_year_open(filed.get(rep.ngo_id, set()))
        rows.append({"rep": rep, "ngo": rep.ngo, "situation": situation, "year": year})
    return render(request, "registry/my_ngos.html", {"rows": rows})


def verified_email_required(view):
    """Acting for an organisation needs a confirmed email: it is how the ministry answers."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.email_verified:
            messages.error(request, _("Confirm your email address first."))
            return redirect("registry:my_ngos")
        return view(request, *args, **kwargs)

    return login_required(guarded)


@verified_email_required
def ngo_create(request):
    # A BIN not found by the claim page comes along, so it need not be typed again.
    form = NewNGOForm(request.POST or None, initial={"bin": request.GET.get("bin", "")[:20]})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_ngo(form, request.user)
        except services.RegistryError as exc:
            form.add_error("bin", exc.message)
        else:
            if isinstance(created, NGO):
                messages.success(request, _("The profile has been saved as a draft."))
                return redirect("registry:ngo_manage", bin=created.bin)
            messages.success(
                request,
                _(
                    "Your request has been sent to the ministry: an official will check who "
                    "represents the organisation with this BIN and write to you."
                ),
            )
            return redirect("registry:my_ngos")
    return render(request, "registry/ngo_form.html", {"form": form, "creating": True})


@verified_email_required
def ngo_claim(request):
    """BIN first; then "Is this your organisation?" with its public name; then the request.

    Only the public register is looked up: whether an unpublished NGO holds a BIN is never shown.
    """
    form = ClaimForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        bin = form.cleaned_data["bin"]
        ngo = NGO.objects.public().select_related("region").filter(bin=bin).first()
        if ngo is None:
            context["not_found"] = bin
        elif "confirm" not in request.POST:
            context["ngo"] = ngo
        else:
            try:
                services.claim_ngo(request.user, bin, form.cleaned_data["position"])
            except services.RegistryError as exc:
                form.add_error("bin", exc.message)
            else:
                messages.success(
                    request, _("Your request has been sent to the ministry for approval.")
                )
                return redirect("registry:my_ngos")
    return render(request, "registry/claim.html", context)


def _manage_page(request, ngo: NGO, document_form=None):
    change = ngo.particulars_changes.order_by("-pk").first()
    if change and change.status not in (
        ParticularsChange.Status.PENDING,
        ParticularsChange.Status.REJECTED,
    ):
        change = None
    context = {
        "ngo": ngo,
        "change": change,
        "change_fields": [label(name) for name in change.values] if change else [],
        "reports": ngo.annual_reports.all(),
        "documents": ngo.documents.all(),
        # The year due now (not the oldest one missing), else last year's.
        "new_report_form": NewAnnualReportForm(
            initial={"year": ngo.report_year_open() or timezone.localdate().year - 1}
        ),
        "document_form": document_form or DocumentForm(),
    }
    return render(request, "registry/manage.html", context)


@login_required
def ngo_manage(request, bin: str):
    return _manage_page(request, ngo_for_representative(request.user, bin))


@login_required
def ngo_edit(request, bin: str):
    ngo = ngo_for_representative(request.user, bin)
    if not ngo.is_editable:
        messages.error(request, _("The profile cannot be edited while it is being verified."))
        return redirect("registry:ngo_manage", bin=ngo.bin)
    pending = ngo.particulars_changes.pending().first()
    initial = pending.values if pending else None
    form = NGOProfileForm(request.POST or None, instance=ngo, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_profile(form, request.user)
        if ngo.particulars_changes.pending().exists():
            messages.success(
                request,
                _(
                    "The profile has been saved. The change of the registered particulars will "
                    "be public once the ministry approves it; until then the register shows the "
                    "verified ones."
                ),
            )
        else:
            messages.success(request, _("The profile has been saved."))
        return redirect("registry:ngo_manage", bin=ngo.bin)
    return render(request, "registry/ngo_form.html", {"form": form, "ngo": ngo, "pending": pending})


def run_service(request, action, success: str | None):
    try:
        result = action()
    except services.RegistryError as exc:
        messages.error(request, exc.message)
        return None
    if success:
        messages.success(request, success)
    return result


@login_required
@require_POST
def ngo_submit(request, bin: str):
    ngo = ngo_for_representative(request.user, bin)
    run_service(
        request,
        lambda: services.submit_for_verification(ngo, request.user),
        _("The profile has been submitted to the ministry for verification."),
    )
    return redirect("registry:ngo_manage", bin=ngo.bin)


@login_required
@require_POST
def ngo_confirm(request, bin: str):
    ngo = ngo_for_representative(request.user, bin)
    run_service(
        request,
        lambda: services.confirm_particulars(ngo, request.user),
        _("You have confirmed that the organisation's data is correct."),
    )
    return redirect("registry:ngo_manage", bin=ngo.bin)


@login_required
def document_download(request, pk: int):
    document = get_object_or_404(Document.objects.select_related("ngo"), pk=pk)
    if not may_see_documents(request.user, document.ngo):
        # The same answer as for an id that does not exist: ids must not tell which exist.
        raise Http404
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )


@login_required
@require_POST
def document_upload(request, bin: str):
    ngo = ngo_for_representative(request.user, bin)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        # The page again, with the errors beside the fields and the chosen type kept.
        return _manage_page(request, ngo, document_form=form)
    services.attach_document(
        ngo, form.cleaned_data["kind"], form.cleaned_data["file"], request.user
    )
    messages.success(request, _("The document has been attached."))
    return redirect("registry:ngo_manage", bin=ngo.bin)
