"""A name typed with one slip still finds the organisation (trigram distance on name words)."""

import re

import pytest

from registry.models import NameWord
from registry.tests.factories import NGOFactory

pytestmark = pytest.mark.django_db


def bins(response):
    return re.findall(r'href="/\w\w/ngos/(\d{12})/[?"]', response.content.decode())


@pytest.fixture
def register():
    """The organisations looked for, among a dozen others whose names share letters with them."""
    NGOFactory.create_batch(12)
    NGOFactory(name_kk="«Қамшы» спорт клубы", name_ru="Спортивный клуб «Камшы»")
    NGOFactory(name_kk="«Мейрам» мерекелер орталығы", name_ru="Центр праздников «Мейрам»")
    return {
        "Қамқор": NGOFactory(
            name_kk="«Қамқор» қоғамдық қоры", name_ru="Общественный фонд «Камкор»"
        ),
        "Мейірім": NGOFactory(
            name_kk="«Мейірім» қайырымдылық қоры", name_ru="Благотворительный фонд «Мейирим»"
        ),
        "Шаңырақ": NGOFactory(name_kk="«Шаңырақ» отбасы орталығы", name_ru="Центр семьи «Шанырак»"),
        "Жастар": NGOFactory(
            name_kk="«Жастар үні» жастар бірлестігі", name_ru="Молодёжное объединение «Жастар үні»"
        ),
    }


@pytest.mark.parametrize(
    ("lang", "typed", "meant"),
    [
        ("ru", "Какмор", "Қамқор"),  # two letters swapped
        ("kk", "Какмор", "Қамқор"),
        ("kk", "Камкр", "Қамқор"),  # a letter left out
        ("ru", "Мейрим", "Мейірім"),
        ("kk", "Мейрим", "Мейірім"),
        ("kk", "Мейірм", "Мейірім"),
        ("ru", "Шанрак", "Шаңырақ"),
        ("kk", "Шанырк отбасы", "Шаңырақ"),  # the typo word alone is corrected
        ("kk", "Жастап", "Жастар"),  # a wrong letter
        ("ru", "Жастар уни", "Жастар"),
    ],
)
def test_a_one_word_typo_finds_the_organisation_among_the_first_ten(
    client, register, lang, typed, meant
):
    response = client.get(f"/{lang}/ngos/", {"q": typed})
    found = bins(response)
    assert register[meant].bin in found[:10], typed
    assert len(found) < 16  # not the whole register: only names near the typed word


def test_the_api_corrects_the_typo_too(client, register):
    body = client.get("/api/v1/ngos/", {"q": "Какмор"}).json()
    assert [n["bin"] for n in body["results"]] == [register["Қамқор"].bin]


def test_a_typo_that_is_also_another_name_finds_both(client, register):
    """«Мейрим» finds «Мейрам» by its Russian stem: few exact hits, so the typo is corrected too."""
    found = bins(client.get("/ru/ngos/", {"q": "Мейрим"}))
    mercy = register["Мейірім"].bin
    feast = NGOFactory._meta.model.objects.get(name_ru__contains="Мейрам").bin
    assert sorted(found) == sorted([mercy, feast])


def test_a_correction_is_announced_and_an_exact_match_is_not_corrected(client, register):
    approximate = client.get("/en/ngos/", {"q": "Какмор"}).content.decode()
    assert "No exact match; showing similar names." in approximate
    exact = client.get("/en/ngos/", {"q": "Камшы"})
    assert bins(exact) == [NGOFactory._meta.model.objects.get(name_ru__contains="Камшы").bin]
    assert "No exact match" not in exact.content.decode()


@pytest.mark.parametrize("typed", ["Кобыз", "Мкм", "Қамқорлықтар"])
def test_a_word_too_far_from_every_name_finds_nothing(client, register, typed):
    response = client.get("/kk/ngos/", {"q": typed})
    assert bins(response) == []
    assert response.context["page"].paginator.count == 0


def test_a_renamed_organisation_is_found_by_a_typo_of_its_new_name(client, register):
    ngo = register["Қамқор"]
    ngo.name_kk, ngo.name_ru = "«Бәйтерек» қоры", "Фонд «Байтерек»"
    ngo.save()
    assert NameWord.objects.filter(word="байтерек").exists()
    assert bins(client.get("/ru/ngos/", {"q": "Байткрек"})) == [ngo.bin]
