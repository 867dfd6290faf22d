"""The public page of a tracked item and the NGO's contest form."""

from django.shortcuts import get_object_or_404, render

from .models import Item


def item_page(request, code: str):
    item = get_object_or_404(Item.objects.select_related("responsible_body"), code=code)
    return render(request, "accountability/item.html", {"item": item})
