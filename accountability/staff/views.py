"""An official's tracked items: the list, one item with its updates, and the exports."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from registry import exports
from registry.models import StateBody
from registry.staff.access import staff_view

from .. import services
from ..models import Item
from ..permissions import is_official, is_updater_of_all
from . import exports as item_exports
from .forms import DeadlineForm, ItemFilterForm, ProgressForm

PAGE_SIZE = 25

official_view = staff_view(is_official)


def managed_items(request):
    return Item.objects.managed_by(request.user)


def bodies_of(user):
    return StateBody.objects.all() if is_updater_of_all(user) else user.state_bodies.all()


def item_of(request, code: str) -> Item:
    """404 for another body's item: nobody updates it here."""
    return get_object_or_404(
        managed_items(request).select_related("responsible_body", "parent"), code=code
    )


@official_view
def item_list(request):
    form = ItemFilterForm(request.GET, bodies_of(request.user))
    items = form.filter(managed_items(request)).select_related("responsible_body")
    page = Paginator(items.order_by("deadline", "code"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "accountability/staff/items.html", {"form": form, "page": page, "items": page}
    )


@official_view
def item_detail(request, code: str):
    item = item_of(request, code)
    item.has_parts = item.children.exists()
    progress_form = ProgressForm(item=item)
    deadline_form = DeadlineForm(initial={"deadline": item.deadline})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "progress":
            progress_form = ProgressForm(request.POST, item=item)
            form, run = (
                progress_form,
                lambda data: services.record_progress(
                    item,
                    by=request.user,
                    status=data["status"],
                    progress=None if item.has_parts else data["progress"],
                    note=data["note"],
                    evidence_url=data["evidence_url"],
                ),
            )
        else:
            deadline_form = DeadlineForm(request.POST)
            form, run = (
                deadline_form,
                lambda data: services.move_deadline(
                    item, deadline=data["deadline"], reason=data["reason"], by=request.user
                ),
            )
        if form.is_valid():
            try:
                run(form.cleaned_data)
            except services.AccountabilityError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Recorded; the item's public timeline shows it."))
                return redirect("accountability_staff:item", code=item.code)
        status = 400
    context = {
        "item": item,
        "progress_form": progress_form,
        "deadline_form": deadline_form,
        "changes": item.changes.select_related("by_body"),
        "contestations": item.contestations.select_related("ngo"),
        "children": item.children.select_related("responsible_body"),
    }
    return render(request, "accountability/staff/item.html", context, status=status)


@official_view
def item_export(request, fmt: str):
    """The official's items (as the list's filters narrow them) to fill in and re-import."""
    if exports.over_limit(request):
        return HttpResponse(_("Too many exports in a minute; try again shortly."), status=429)
    form = ItemFilterForm(request.GET, bodies_of(request.user))
    items = form.filter(managed_items(request)).order_by("deadline", "code")
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        return item_exports.xlsx_response(items, f"items-{stamp}.xlsx")
    delimiter = exports.separator(request)
    if delimiter is None:
        return HttpResponse(_("The separator is ; or ,."), status=400)
    return item_exports.csv_response(items, f"items-{stamp}.csv", delimiter)
