"""Who enters the councils' staff screens: a council's own secretaries, and officials of the body
it is attached to for the responses. Nobody works on another council."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from registry.staff.access import staff_view

from .. import permissions, services
from ..models import Council

councils_view = staff_view(permissions.may_enter_workspace)


def visible_councils(user):
    """The councils a user works on: as secretary, or as official of the attached body."""
    if permissions.is_councils_administrator(user):
        return Council.objects.all()
    return Council.objects.filter(
        Q(pk__in=Council.objects.managed_by(user).values("pk"))
        | Q(pk__in=Council.objects.attached_to_bodies_of(user).values("pk"))
    )


def council_of(request, code: str, *, manage: bool = False, respond: bool = False) -> Council:
    """The council, if this user may do what the screen does with it; 403 with why otherwise."""
    council = get_object_or_404(Council.objects.select_related("state_body", "region"), code=code)
    council.may_manage = permissions.may_manage(request.user, council)
    council.may_respond = permissions.may_respond(request.user, council)
    if manage and not council.may_manage:
        raise PermissionDenied(_("Only a secretary of this council may do this."))
    if respond and not council.may_respond:
        raise PermissionDenied(
            _("Only officials of %(body)s, the body this council is attached to, may respond.")
            % {"body": council.state_body.name}
        )
    if not (council.may_manage or council.may_respond):
        raise PermissionDenied(_("This council is not one you work on."))
    return council


def done(request, action, success: str, form=None) -> bool:
    """Run a service; a refusal goes to the top of the form that asked (with the input kept)."""
    try:
        action()
    except services.CouncilError as error:
        if form is None:
            messages.error(request, error.message)
        else:
            form.add_error(None, error.message)
        return False
    messages.success(request, success)
    return True
