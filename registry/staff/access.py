"""Who may enter the staff workspace and its screens; the scope an official works in."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..models import NGO
from ..permissions import is_official


def is_staff_member(user) -> bool:
    """Everyone who works for the state enters the workspace; their roles decide what they see."""
    return user.is_authenticated and user.is_active and user.is_staff


def staff_view(may=is_staff_member):
    """Anonymous users are sent to log in; signed-in users for whom `may(user)` is false get 403."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not may(request.user):
                raise PermissionDenied(_("This page is for ministry officials."))
            return view(request, *args, **kwargs)

        return guarded

    return decorator


official_view = staff_view(is_official)


def scoped_ngos(request):
    """The NGOs of the official's scope; the scope's regions are looked up once per request."""
    if not hasattr(request, "_scoped_ngos"):
        user = request.user
        request._scoped_ngos = (
            NGO.objects.in_scope_of(user) if is_official(user) else NGO.objects.none()
        )
    return request._scoped_ngos
