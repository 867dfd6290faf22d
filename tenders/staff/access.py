"""Who enters the tenders' staff screens, and the helpers every one of them shares."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from registry.staff.access import staff_view

from .. import permissions, services
from ..models import Competition


def works_on_competitions(user) -> bool:
    return user.has_perm("tenders.change_competition") or user.commission_seats.exists()


tenders_view = staff_view(works_on_competitions)


def mine(user):
    """Competitions the user organises or sits on the commission of, in today's phase."""
    services.follow_the_clock()
    return Competition.objects.filter(
        Q(pk__in=Competition.objects.organised_by(user).values("pk")) | Q(commission__user=user)
    ).distinct()


def competition_of(request, number: str) -> Competition:
    """404 for a competition the user has no part in: its existence is not theirs to know."""
    competition = get_object_or_404(
        mine(request.user).select_related("organiser", "operator"), number=number
    )
    competition.may_organise = permissions.may_organise(request.user, competition)
    return competition


def posted_number(request, name: str) -> int:
    """A whole number posted by a button (an instalment's or award's id): anything else is 404,
    never a 500."""
    value = request.POST.get(name, "")
    if not (value.isascii() and value.isdigit() and len(value) <= 9):
        raise Http404
    return int(value)


def done(request, action, success: str, form=None) -> bool:
    """Run a service; a refusal goes to the form that asked (at its field when it names one),
    with the input kept."""
    try:
        action()
    except services.TenderError as error:
        if form is None:
            messages.error(request, error.message)
        else:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        return False
    messages.success(request, success)
    return True
