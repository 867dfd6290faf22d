"""The public pages that span every app: home, statistics, open data, alerts, feeds."""

from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import get_language

from registry import hooks
from registry.models import NGO


def after_login(request):
    """Where a login without `next` lands: officials at their workspace, others at My NGOs."""
    if request.user.is_staff:
        workspace = f"/{get_language()}/staff/"
        try:
            resolve(workspace)
        except Resolver404:
            return redirect("home")
        return redirect(workspace)
    if request.user.is_authenticated:
        return redirect("registry:my_ngos")
    return redirect("home")


def home(request):
    stats = {
        "public": NGO.objects.public().count(),
        "active": NGO.objects.filter(status=NGO.Status.ACTIVE).count(),
    }
    figures = hooks.collect(hooks.HOME_FIGURES, request)
    return render(request, "portal/home.html", {"stats": stats, "figures": figures})
