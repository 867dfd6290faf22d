import datetime

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from accounts import roles
from accounts.tests.factories import PASSWORD, UserFactory  # noqa: F401 - re-exported for tests
from registry.bin import bin_month, make_bin
from registry.models import (
    NGO,
    ActivityArea,
    AnnualReport,
    LegalForm,
    Region,
    Representation,
    StateBody,
)


class OfficialFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        self.save()
        self.groups.add(Group.objects.get(name=extracted or roles.MINISTRY_OFFICIAL))

    @factory.post_generation
    def body(self, create, extracted, **kwargs):
        self.state_bodies.add(extracted or StateBody.objects.get(code="mci"))


def region(kato="750000000"):
    return Region.objects.get(kato=kato)


class NGOFactory(DjangoModelFactory):
    class Meta:
        model = NGO
        skip_postgeneration_save = True

    bin = factory.Sequence(lambda n: make_bin(2015, 1 + n % 12, 1000 + n))
    name_kk = factory.Sequence(lambda n: f"«Жарқын болашақ {n}» қоғамдық бірлестігі")
    name_ru = factory.Sequence(lambda n: f"Общественное объединение «Светлое будущее {n}»")
    name_en = factory.Sequence(lambda n: f"Bright Future {n} public association")
    legal_form = factory.LazyFunction(lambda: LegalForm.objects.get(code="public_association"))
    region = factory.LazyFunction(region)
    registered_on = factory.LazyAttribute(lambda ngo: bin_month(ngo.bin))  # as the BIN says
    status = NGO.Status.ACTIVE

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.activity_areas.set(ActivityArea.objects.filter(code__in=extracted))


class RepresentationFactory(DjangoModelFactory):
    class Meta:
        model = Representation

    user = factory.SubFactory(UserFactory, role=roles.NGO_REPRESENTATIVE)
    ngo = factory.SubFactory(NGOFactory)
    status = Representation.Status.APPROVED
    # A rejection always carries its reason (a database constraint).
    decision_reason = factory.LazyAttribute(
        lambda claim: "Not confirmed" if claim.status == Representation.Status.REJECTED else ""
    )


class AnnualReportFactory(DjangoModelFactory):
    class Meta:
        model = AnnualReport

    ngo = factory.SubFactory(NGOFactory)
    year = 2025
    status = AnnualReport.Status.SUBMITTED
    submitted_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)
    )
    income_state_order = 5_000_000
    income_donations = 1_200_000
