"""Requests to represent an organisation: the list and a decision page per request."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..models import Representation
from .access import official_view, scoped_ngos
from .forms import DecisionForm, ScopedFilterForm
from .views import page_of


def pending_claims(request):
    approved = Count("ngo__representatives", filter=Q(ngo__representatives__status="approved"))
    return (
        Representation.objects.filter(
            status=Representation.Status.PENDING, ngo__in=scoped_ngos(request)
        )
        .select_related("ngo", "ngo__region", "user")
        .annotate(approved_count=approved)
        .order_by("created_at", "pk")
    )


@official_view
def claim_list(request):
    form = ScopedFilterForm(request.GET, request.user)
    claims = form.filter(pending_claims(request), prefix="ngo__")
    return render(request, "staff/claims.html", {"form": form, "page": page_of(request, claims)})


@official_view
def claim_decide(request, pk: int):
    claim = get_object_or_404(
        Representation.objects.filter(ngo__in=scoped_ngos(request)).select_related(
            "ngo", "ngo__region", "user", "decided_by"
        ),
        pk=pk,
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_claim(claim, request.user, form.approve, form.cleaned_data["reason"])
        except services.RegistryError as exc:
            form.add_error(None, exc.message)
        else:
            done = _("%(person)s now represents %(name)s; they have been told by email.")
            if not form.approve:
                done = _(
                    "The request of %(person)s to represent %(name)s has been rejected; "
                    "they have been told the reason by email."
                )
            messages.success(request, done % {"person": claim.user, "name": claim.ngo.name})
            return redirect("staff:claims")
    representatives = claim.ngo.representatives.filter(
        status=Representation.Status.APPROVED
    ).select_related("user")
    context = {"claim": claim, "form": form, "representatives": representatives}
    return render(request, "staff/claim.html", context, status=400 if form.errors else 200)
