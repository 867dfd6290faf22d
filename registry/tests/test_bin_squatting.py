"""A BIN taken by an unpublished profile cannot keep the real organisation out, and nobody learns
from the answers that an unpublished profile exists."""

import re

import pytest

from registry.models import NGO, Representation, StateBody
from registry.tests.factories import NGOFactory, OfficialFactory, UserFactory, region
from registry.tests.test_self_service import NEW_NGO

pytestmark = pytest.mark.django_db

UNPUBLISHED = [NGO.Status.DRAFT, NGO.Status.SUBMITTED, NGO.Status.REJECTED]
SQUAT_NAME = "Министерство юстиции"


@pytest.fixture
def profile():
    from registry.models import LegalForm

    return {
        **NEW_NGO,
        "legal_form": LegalForm.objects.get(code="public_association").pk,
        "region": region("390000000").pk,
        "activity_areas": [],
    }


def squat(status, bin=NEW_NGO["bin"]):
    squatter = UserFactory()
    ngo = NGOFactory(
        bin=bin,
        status=status,
        status_reason="Не тот устав" if status == NGO.Status.REJECTED else "",
        name_kk=SQUAT_NAME,
        name_ru=SQUAT_NAME,
        region=region("310000000"),
    )
    Representation.objects.create(user=squatter, ngo=ngo, status=Representation.Status.APPROVED)
    return ngo


def visible(response) -> str:
    """The page with what changes per request (CSRF tokens) taken out."""
    return re.sub(r'value="[^"]{32,}"', "", response.content.decode())


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_registering_a_bin_held_by_an_unpublished_profile_becomes_a_claim(client, profile, status):
    squatted = squat(status)
    real = UserFactory()
    client.force_login(real)

    response = client.post("/en/my/ngos/new/", profile, follow=True)

    page = response.content.decode()
    assert "already exists" not in page
    assert "an official will check who represents the organisation" in page
    claim = Representation.objects.get(user=real)
    assert (claim.ngo, claim.status) == (squatted, Representation.Status.PENDING)
    assert NGO.objects.filter(bin=squatted.bin).count() == 1
    # My NGOs shows the request, but nothing of the profile someone else keeps.
    assert SQUAT_NAME not in page and str(region("310000000")) not in page
    assert squatted.get_status_display() not in page


def test_the_official_decides_the_claim_on_the_usual_claims_screen(client, profile):
    squatted = squat(NGO.Status.SUBMITTED)
    real = UserFactory()
    client.force_login(real)
    client.post("/en/my/ngos/new/", profile)
    claim = Representation.objects.get(user=real)

    client.force_login(OfficialFactory(body=StateBody.objects.get(code="akimat-310000000")))
    listed = client.get("/en/staff/claims/").content.decode()
    assert f'href="/en/staff/claims/{claim.pk}/"' in listed
    client.post(f"/en/staff/claims/{claim.pk}/", {"decision": "approve"})

    claim.refresh_from_db()
    assert claim.status == Representation.Status.APPROVED
    client.force_login(real)
    assert client.get(f"/en/my/ngos/{squatted.bin}/").status_code == 200


def test_the_create_answers_do_not_tell_the_status_of_the_profile(client, profile):
    pages = []
    for n, status in enumerate(UNPUBLISHED):
        bin = ["170240846524", "170240846544", "170240846554"][n]
        squat(status, bin=bin)
        client.force_login(UserFactory(email=f"real{n}@example.kz"))
        response = client.post("/en/my/ngos/new/", {**profile, "bin": bin}, follow=True)
        pages.append(visible(response).replace(bin, "BIN").replace(f"real{n}@example.kz", "ME"))
    assert pages[0] == pages[1] == pages[2]


def test_a_claim_gets_the_same_answer_for_a_free_bin_and_an_unpublished_one(client):
    held = [
        squat(status, bin=bin)
        for status, bin in zip(
            UNPUBLISHED, ["170240846524", "170240846544", "170240846554"], strict=True
        )
    ]
    free = "170240846564"
    client.force_login(UserFactory())
    answers = []
    for bin in [free, *(ngo.bin for ngo in held)]:
        response = client.post("/en/my/ngos/claim/", {"bin": bin, "position": "Director"})
        answers.append((response.status_code, visible(response).replace(bin, "BIN")))
    assert all(answer == answers[0] for answer in answers)
    assert "No organisation with BIN BIN is in the public register." in answers[0][1]
    assert not Representation.objects.filter(status=Representation.Status.PENDING).exists()
