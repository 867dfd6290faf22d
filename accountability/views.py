"""The public page of a tracked item, its NGO contest form and the private evidence document."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registry import hooks

from . import permissions, services
from .forms import ContestForm
from .models import Contestation, Item


def _page(request, item: Item, form=None, status=200):
    changes = item.changes.select_related("by_body")
    ngos = list(permissions.contesting_ngos(request.user)) if item.contestable else []
    if form is None and ngos:
        form = ContestForm(ngos=ngos)
    context = {
        "item": item,
        "changes": changes,
        "children": item.children.select_related("responsible_body"),
        "contestations": item.contestations.select_related("ngo"),
        "claim": item.changes.filter(kind__in=["status", "progress", "note"], computed=False)
        .exclude(note="", evidence_url="")
        .first(),
        "sections": hooks.collect(hooks.PROMISE_PAGE_SECTIONS, request, item),
        "form": form,
        "can_update": permissions.can_update(request.user, item),
    }
    return render(request, "accountability/item.html", context, status=status)


def _item(code: str) -> Item:
    return get_object_or_404(
        Item.objects.select_related("responsible_body", "region", "topic", "parent"), code=code
    )


def item_page(request, code: str):
    return _page(request, _item(code))


@login_required
@require_POST
def contest(request, code: str):
    item = _item(code)
    ngos = list(permissions.contesting_ngos(request.user))
    if not ngos:
        raise PermissionDenied(_("Only an approved representative of a verified NGO may contest."))
    form = ContestForm(request.POST, request.FILES, ngos=ngos)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.contest(
                item,
                ngo=data["ngo"],
                by=request.user,
                text=data["text"],
                link=data["link"],
                document=data["document"],
            )
        except services.AccountabilityError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your counter-evidence is published beside the claim."))
            return redirect(item.get_absolute_url() + "#contestations")
    return _page(request, item, form, status=400)


@login_required
def contestation_document(request, code: str, pk: int):
    contestation = get_object_or_404(
        Contestation.objects.select_related("item__responsible_body", "ngo"),
        pk=pk,
        item__code=code,
    )
    if not contestation.document or not permissions.can_see_document(request.user, contestation):
        raise PermissionDenied(_("This document is seen only by the NGO and the responsible body."))
    return FileResponse(
        contestation.document.open("rb"),
        as_attachment=True,
        filename=contestation.document_name or "evidence",
    )
