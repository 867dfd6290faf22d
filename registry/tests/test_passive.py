import datetime

import pytest

from registry.models import NGO, report_year_due
from registry.tasks import mark_passive_ngos
from registry.tests.factories import AnnualReportFactory, NGOFactory

pytestmark = pytest.mark.django_db


def test_ngos_without_last_years_report_become_passive_and_the_public_sees_why(client):
    last_year = report_year_due()
    filed = NGOFactory(status=NGO.Status.ACTIVE)
    AnnualReportFactory(ngo=filed, year=last_year)
    silent = NGOFactory(status=NGO.Status.ACTIVE)
    AnnualReportFactory(ngo=silent, year=last_year - 1)
    draft = NGOFactory(status=NGO.Status.DRAFT)

    assert mark_passive_ngos.delay().get() == 1
    assert mark_passive_ngos.delay().get() == 0  # idempotent

    statuses = dict(NGO.objects.values_list("pk", "status"))
    assert statuses[filed.pk] == NGO.Status.ACTIVE
    assert statuses[silent.pk] == NGO.Status.PASSIVE
    assert statuses[draft.pk] == NGO.Status.DRAFT
    page = client.get(f"/en/ngos/{silent.bin}/").content.decode()
    assert f"No annual information for {last_year} has been filed." in page


def test_the_task_is_scheduled_daily(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["mark-passive-ngos"]
    assert schedule["task"] == "registry.tasks.mark_passive_ngos"
    assert schedule["schedule"] == 24 * 60 * 60


def test_nobody_becomes_passive_before_the_31_march_deadline():
    ngo = NGOFactory(status=NGO.Status.ACTIVE)
    AnnualReportFactory(ngo=ngo, year=2024)
    from registry.services import mark_passive_ngos as mark

    assert mark(today=datetime.date(2026, 3, 31)) == 0
    assert mark(today=datetime.date(2026, 4, 1)) == 1


def test_an_ngo_founded_after_the_year_due_is_not_made_passive():
    from registry.services import mark_passive_ngos as mark

    newcomer = NGOFactory(status=NGO.Status.VERIFIED, registered_on=datetime.date(2026, 6, 1))
    assert mark(today=datetime.date(2026, 11, 25)) == 0
    newcomer.refresh_from_db()
    assert newcomer.status == NGO.Status.VERIFIED
