"""Changes of public NGOs' registered particulars, reviewed beside the verification queue."""

import copy

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..models import ParticularsChange
from .access import official_view, scoped_ngos
from .compare import compare, label
from .forms import DecisionForm, ScopedFilterForm
from .views import page_of


@official_view
def change_list(request):
    form = ScopedFilterForm(request.GET, request.user)
    changes = (
        ParticularsChange.objects.pending()
        .filter(ngo__in=scoped_ngos(request))
        .select_related("ngo", "ngo__region", "submitted_by")
    )
    changes = form.filter(changes, prefix="ngo__")
    page = page_of(request, changes)
    for change in page.object_list:
        change.labels = [label(name) for name in change.values]
    return render(request, "staff/changes.html", {"form": form, "page": page})


@official_view
def change_review(request, bin: str):
    """The NGO's pending change (one at a time), so the page is addressed by the BIN."""
    change = get_object_or_404(
        ParticularsChange.objects.pending()
        .filter(ngo__in=scoped_ngos(request))
        .select_related("ngo", "ngo__region", "ngo__legal_form", "submitted_by"),
        ngo__bin=bin,
    )
    ngo = change.ngo
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_particulars_change(
                change,
                request.user,
                form.approve,
                form.cleaned_data["reason"],
                revision=int(request.POST.get("revision") or 0),
            )
        except services.RegistryError as exc:
            form.add_error(None, exc.message)
        else:
            done = _("The new registered particulars of %(name)s are now public.")
            if not form.approve:
                done = _(
                    "The change of the registered particulars of %(name)s has been rejected; "
                    "the organisation will see your reason."
                )
            messages.success(request, done % {"name": ngo.name})
            return redirect("staff:changes")
    proposed = copy.copy(ngo)
    change.apply_to(proposed)
    context = {
        "change": change,
        "ngo": ngo,
        "form": form,
        "rows": compare(ngo.REGISTERED_FIELDS, proposed, ngo),
    }
    return render(request, "staff/change_review.html", context, status=400 if form.errors else 200)
