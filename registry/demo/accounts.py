"""The demo logins, all with the password demo-Pass-2026."""

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import User

from ..models import (
    NGO,
    Representation,
    StateBody,
)
from . import vocabulary as words
from .shares import (
    ADMIN_EMAIL,
    NGO_EMAIL,
    OFFICIAL_EMAIL,
    PASSWORD,
    Status,
)


def demo_user(email: str, full_name: str, role: str, **flags) -> User:
    """The account with its role and the documented password, whatever was changed since."""
    user, _created = User.objects.get_or_create(email=email)
    user.full_name, user.email_verified, user.is_active = full_name, True, True
    for flag, value in flags.items():
        setattr(user, flag, value)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


def ensure_demo_accounts() -> NGO | None:
    """The three demo logins; returns the NGO the representative acts for."""
    official = demo_user(OFFICIAL_EMAIL, "Айгерим Сейткали", roles.MINISTRY_OFFICIAL, is_staff=True)
    StateBody.objects.get(code="mci").officials.add(official)
    demo_user(
        ADMIN_EMAIL, "Администратор реестра", roles.ADMINISTRATOR, is_staff=True, is_superuser=True
    )
    representative = demo_user(NGO_EMAIL, "Ерлан Нурланов", roles.NGO_REPRESENTATIVE)
    approved = representative.representations.filter(status=Representation.Status.APPROVED)
    if approved.exists():
        return approved.first().ngo
    ngo = (
        NGO.objects.filter(status=Status.ACTIVE, member_links__isnull=True)
        .exclude(legal_form__code="association")
        .order_by("pk")
        .first()
    )
    if ngo:
        Representation.objects.update_or_create(
            user=representative,
            ngo=ngo,
            defaults={
                "status": Representation.Status.APPROVED,
                "decided_at": timezone.now(),
                "position": words.POSITIONS[0],
            },
        )
    return ngo
