"""Members and their terms: who sits on a council, for whom, from when to when."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..events import out_of_rule
from ..models import Council, Membership, Person, composition_of, refresh_flags
from .base import CouncilError, require_secretary, save


def _day(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def after_change(council: Council, by) -> None:
    """Keep the council's flags; tell officials and secretaries when a rule is newly broken."""
    before = set(Council.objects.get(pk=council.pk).rule_flags)
    refresh_flags(Council.objects.filter(pk=council.pk))
    composition = composition_of(council)
    if set(composition.codes) - before:
        out_of_rule(council, composition.flags, by)


def find_or_create_person(*, name: str, email: str = "", phone: str = "") -> Person:
    """The same person over terms and councils: matched by e-mail when there is one."""
    name = " ".join(name.split())
    if not name:
        raise CouncilError(_("Enter the member's full name."))
    if email:
        person = Person.objects.filter(email__iexact=email).first()
        if person is not None:
            return person
    return Person.objects.create(name=name, email=email, phone=phone)


def _check_term(council, person, ngo, affiliation, role, start, end, exclude=None) -> None:
    if end <= start:
        raise CouncilError(_("A term ends after it starts."))
    if ngo is not None and affiliation != Membership.Affiliation.CIVIL_SOCIETY:
        raise CouncilError(_("Only a civil-society member represents an NGO."))
    terms = Membership.objects.filter(council=council, term_start__lt=end, term_end__gt=start)
    if exclude is not None:
        terms = terms.exclude(pk=exclude.pk)
    overlapping = terms.filter(person=person).first()
    if overlapping:
        raise CouncilError(
            _("%(name)s already has a term in this council from %(start)s to %(end)s.")
            % {
                "name": person.name,
                "start": _day(overlapping.term_start),
                "end": _day(overlapping.term_end),
            }
        )
    if ngo is not None:
        same_ngo = terms.filter(ngo=ngo).select_related("person").first()
        if same_ngo:
            raise CouncilError(
                _(
                    "%(ngo)s already has a member in this council (%(name)s): at most one "
                    "member per NGO."
                )
                % {"ngo": ngo.name, "name": same_ngo.person.name}
            )
    if role == Membership.Role.CHAIR and terms.filter(role=Membership.Role.CHAIR).exists():
        raise CouncilError(_("The council already has a chair for these dates."))


@transaction.atomic
def add_member(
    council: Council,
    by,
    *,
    person: Person,
    affiliation: str,
    term_start: datetime.date,
    term_end: datetime.date,
    role: str = Membership.Role.MEMBER,
    ngo=None,
    organisation: str = "",
    selection: str = Council.Selection.OPEN_COMPETITION,
) -> Membership:
    require_secretary(by, council)
    Council.objects.select_for_update().get(pk=council.pk)  # one change of members at a time
    _check_term(council, person, ngo, affiliation, role, term_start, term_end)
    membership = Membership(
        council=council,
        person=person,
        affiliation=affiliation,
        ngo=ngo,
        organisation=organisation,
        role=role,
        term_start=term_start,
        term_end=term_end,
        selection=selection,
    )
    try:
        with transaction.atomic():
            save(membership, by, "member added")
    except IntegrityError as error:  # a concurrent write the checks above could not see
        message = _("This term overlaps another one of the same person or NGO.")
        raise CouncilError(message) from error
    after_change(council, by)
    return membership


@transaction.atomic
def end_term(membership: Membership, by, *, on: datetime.date) -> Membership:
    """A member leaves early: the term ends on `on` (their first day out of office)."""
    require_secretary(by, membership.council)
    if not membership.term_start < on <= membership.term_end:
        raise CouncilError(
            _("The term can end only between %(start)s and %(end)s.")
            % {"start": _day(membership.term_start), "end": _day(membership.term_end)}
        )
    membership.term_end = on
    save(membership, by, "term ended")
    after_change(membership.council, by)
    return membership


@transaction.atomic
def change_role(membership: Membership, by, *, role: str) -> Membership:
    require_secretary(by, membership.council)
    _check_term(
        membership.council,
        membership.person,
        membership.ngo,
        membership.affiliation,
        role,
        membership.term_start,
        membership.term_end,
        exclude=membership,
    )
    membership.role = role
    save(membership, by, "role changed")
    after_change(membership.council, by)
    return membership
