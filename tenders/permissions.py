"""Who may do what in competitions — the one place the services, views and API ask.

An official acts for the state bodies they belong to (the registry's membership of officials in
state bodies); for grants the operator's officials act too. Administrators act everywhere.
"""

from django.db.models import OuterRef

from registry import permissions as registry_permissions
from registry.models import NGO

from .models import Application, CommissionMember, Competition, Lot
from .models.commission import lot_links


def may_organise(user, competition: Competition) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not user.has_perm("tenders.change_competition"):
        return False
    if registry_permissions.is_administrator(user):
        return True
    bodies = {competition.organiser_id, competition.operator_id} - {None}
    return user.state_bodies.filter(pk__in=bodies).exists()


def may_organise_for(user, organiser) -> bool:
    """May this official create competitions in the name of this state body?"""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not user.has_perm("tenders.add_competition"):
        return False
    return (
        registry_permissions.is_administrator(user)
        or user.state_bodies.filter(pk=organiser.pk).exists()
    )


# Only NGOs in the register's database may take part (the law, since 1 January 2018).
APPLYING_STATUSES = (NGO.Status.VERIFIED, NGO.Status.ACTIVE)


def may_apply_for(user, ngo: NGO) -> bool:
    return user.is_authenticated and registry_permissions.represents(user, ngo)


def seat(user, competition: Competition) -> CommissionMember | None:
    if not user.is_authenticated:
        return None
    return CommissionMember.objects.filter(competition=competition, user=user).first()


def linked_to_lot(member: CommissionMember, lot: Lot) -> bool:
    """Linked to any applicant of the lot: the member reads and scores nothing in it."""
    return Lot.objects.filter(pk=lot.pk).filter(lot_links(member.user_id, member, lot)).exists()


def may_read_application(user, application: Application) -> bool:
    """Sealed until the close: before it, only the applicant's own representatives read it.

    After the close the organiser's officials read all applications; a commission expert reads
    only those assigned to them. A member linked to any applicant of a lot reads none of it,
    whatever else they are.
    """
    if may_apply_for(user, application.ngo):
        return True
    competition = application.lot.competition
    if not competition.has_closed():
        return False
    member = seat(user, competition)
    if member is not None and linked_to_lot(member, application.lot):
        return False
    if may_organise(user, competition):
        return True
    if member is None:
        return False
    if member.kind == CommissionMember.Kind.OFFICIAL:
        return True
    return member.assigned.filter(pk=application.pk).exists()


def readable_applications(user, competition: Competition):
    """The submitted applications of a closed competition this user may open, as a queryset."""
    applications = Application.objects.submitted().filter(lot__competition=competition)
    if not competition.has_closed():
        return applications.none()
    member = seat(user, competition)
    if member is not None:
        applications = applications.exclude(
            lot__in=Lot.objects.filter(lot_links(user.pk, member, OuterRef("pk")))
        )
    if may_organise(user, competition):
        return applications
    if member is None:
        return applications.none()
    if member.kind == CommissionMember.Kind.OFFICIAL:
        return applications
    return applications.filter(assigned_members=member)


def may_manage_contract(user, award) -> bool:
    """Contracts, instalments and report reviews: officials of the organising body."""
    return may_organise(user, award.lot.competition)


def may_report_on(user, contract) -> bool:
    """Only the winner's own representatives file its project reports."""
    ngo = contract.award.ngo
    return ngo is not None and may_apply_for(user, ngo)
