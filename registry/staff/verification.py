"""Verification of new organisations: the queue (oldest first), the review page, bulk decisions."""

from django.contrib import messages
from django.db.models import F, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import services
from ..models import NGO
from .access import official_view, scoped_ngos
from .compare import REVIEW_FIELDS, checklist, compare
from .forms import BulkForm, DecisionForm, ScopedFilterForm
from .views import page_of

SUBMITTED_REASON = "submitted for verification"


def submitted_queue(request):
    """Submitted NGOs of the scope, oldest submission first, with who submitted each."""
    submissions = NGO.history.model.objects.filter(
        id=OuterRef("pk"), history_change_reason=SUBMITTED_REASON
    ).order_by("-history_date")
    return (
        scoped_ngos(request)
        .filter(status=NGO.Status.SUBMITTED)
        .select_related("region", "legal_form")
        .annotate(
            submitter_name=Subquery(submissions.values("history_user__full_name")[:1]),
            submitter_email=Subquery(submissions.values("history_user__email")[:1]),
        )
        .order_by(F("submitted_at").asc(nulls_first=True), "pk")
    )


@official_view
def queue(request):
    form = ScopedFilterForm(request.GET, request.user)
    ngos = form.filter(submitted_queue(request))
    return render(request, "staff/queue.html", {"form": form, "page": page_of(request, ngos)})


@official_view
def review(request, bin: str):
    ngo = get_object_or_404(scoped_ngos(request).select_related("region", "legal_form"), bin=bin)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and ngo.status == NGO.Status.SUBMITTED and form.is_valid():
        try:
            if form.approve:
                services.verify_ngo(ngo, request.user)
            else:
                services.reject_ngo(ngo, request.user, form.cleaned_data["reason"])
        except services.RegistryError as exc:
            form.add_error(None, exc.message)
        else:
            done = _("%(name)s has been verified and is now in the public register.")
            if not form.approve:
                done = _("%(name)s has been rejected; the organisation will see your reason.")
            messages.success(request, done % {"name": ngo.name})
            return redirect("staff:queue")
    previous = ngo.history.filter(status__in=NGO.PUBLIC_STATUSES).first()
    areas = list(ngo.activity_areas.all())
    documents = list(ngo.documents.all())
    submission = (
        ngo.history.filter(history_change_reason=SUBMITTED_REASON)
        .select_related("history_user")
        .first()
    )
    context = {
        "ngo": ngo,
        "form": form,
        "rows": compare(REVIEW_FIELDS, ngo, previous),
        "previous": previous,
        "areas": areas,
        "documents": documents,
        "checklist": checklist(ngo, areas, documents),
        "submitter": submission.history_user if submission else None,
    }
    return render(request, "staff/review.html", context, status=400 if form.errors else 200)


@official_view
@require_POST
def bulk(request):
    """Step one shows exactly what will happen; step two (confirmed) does it and says what."""
    action = request.POST.get("action")
    bins = request.POST.getlist("bins")
    ngos = list(submitted_queue(request).filter(bin__in=bins))
    if action not in ("verify", "reject") or not ngos:
        messages.error(request, _("Select at least one organisation waiting for verification."))
        return redirect("staff:queue")
    confirmed = "confirmed" in request.POST
    form = BulkForm(request.POST if confirmed else None, initial={"action": action})
    if confirmed and form.is_valid():
        run_bulk(request, action, ngos, form.cleaned_data["reason"])
        return redirect("staff:queue")
    context = {
        "form": form,
        "action": action,
        "ngos": ngos,
        "skipped": len(set(bins)) - len(ngos),
    }
    return render(request, "staff/bulk_confirm.html", context, status=400 if form.errors else 200)


def run_bulk(request, action: str, ngos, reason: str) -> None:
    done, failed = [], []
    for ngo in ngos:
        try:
            if action == "verify":
                services.verify_ngo(ngo, request.user)
            else:
                services.reject_ngo(ngo, request.user, reason)
            done.append(ngo)
        except services.RegistryError as exc:
            failed.append((ngo, exc.message))
    if done:
        if action == "verify":
            text = ngettext(
                "%(count)d organisation verified: %(names)s.",
                "%(count)d organisations verified: %(names)s.",
                len(done),
            )
        else:
            text = ngettext(
                "%(count)d organisation rejected: %(names)s.",
                "%(count)d organisations rejected: %(names)s.",
                len(done),
            )
        messages.success(
            request, text % {"count": len(done), "names": "; ".join(n.name for n in done)}
        )
    for ngo, why in failed:
        messages.error(
            request,
            _("%(name)s (BIN %(bin)s) was not changed: %(why)s")
            % {"name": ngo.name, "bin": ngo.bin, "why": why},
        )
