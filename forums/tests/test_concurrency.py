"""Two people take the last place at the same moment: one gets it, the other waits."""

import threading

import pytest
from django.db import connection

from forums import services
from forums.models import Registration
from forums.tests.factories import event, representative


@pytest.mark.django_db(transaction=True)
def test_two_threads_never_put_the_event_over_capacity():
    evt = event(capacity=1)
    people = [representative() for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def take(user, ngo):
        try:
            barrier.wait()
            outcomes.append(services.register(evt, user, kind="ngo", ngo=ngo, consent=True).status)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=person) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(outcomes) == ["confirmed", "waiting"]
    assert Registration.objects.filter(event=evt, status="confirmed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_cancellation_and_a_raised_capacity_at_once_promote_each_one_once():
    from forums.tests.factories import organiser

    evt = event(capacity=1)
    first_user, first_ngo = representative()
    holder = services.register(evt, first_user, kind="ngo", ngo=first_ngo, consent=True)
    waiting = []
    for _ in range(3):
        user, ngo = representative()
        waiting.append(services.register(evt, user, kind="ngo", ngo=ngo, consent=True))
    staff = organiser()
    barrier = threading.Barrier(2)

    def cancel():
        barrier.wait()
        services.cancel(holder, first_user)
        connection.close()

    def raise_capacity():
        barrier.wait()
        services.set_capacity(evt, 2, staff)
        connection.close()

    threads = [threading.Thread(target=cancel), threading.Thread(target=raise_capacity)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Registration.objects.filter(event=evt, status="confirmed").count() == 2
    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [
        "confirmed",
        "confirmed",
        "waiting",
    ]
