"""Who may do what in the register — the one place the views, admin and API ask."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts import roles

from .models import NGO, ImportJob, scope_regions


def is_official(user) -> bool:
    """A ministry official working on NGOs (verification, claims, changes) in the staff workspace.

    Officials keep `is_staff`: it marks people who work for the state, and the workspace and
    these checks rely on it; the Django admin's register screens are for administrators only.
    """
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("registry.change_ngo")
    )


def is_administrator(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_role(roles.ADMINISTRATOR)


def represents(user, ngo: NGO) -> bool:
    return NGO.objects.represented_by(user).filter(pk=ngo.pk).exists()


def may_verify(user, ngo: NGO) -> bool:
    """Officials act on NGOs of their scope; the permission comes from their role group."""
    return is_official(user) and NGO.objects.in_scope_of(user).filter(pk=ngo.pk).exists()


def may_see_documents(user, ngo: NGO) -> bool:
    """An NGO's documents are private: its representatives and the officials who verify it."""
    return represents(user, ngo) or may_verify(user, ngo)


def may_import(user) -> bool:
    """Staff who may add or change NGOs (ministry officials), and superusers."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (
        user.is_staff
        and (user.has_perm("registry.add_ngo") or user.has_perm("registry.change_ngo"))
    )


def visible_import_jobs(user):
    """An official sees the imports they uploaded; national-scope officials see them all."""
    jobs = ImportJob.objects.filter(kind="registry.ngos")
    return jobs if scope_regions(user) is None else jobs.filter(created_by=user)


def ngo_for_representative(user, bin: str) -> NGO:
    """The NGO with this BIN, if the user represents it; 403 with a clear reason otherwise."""
    ngo = get_object_or_404(NGO, bin=bin)
    if not represents(user, ngo):
        raise PermissionDenied(_("You do not represent this organisation."))
    return ngo
