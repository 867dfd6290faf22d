"""Kazakh as people type it, and Kazakh alphabetical order, on any PostgreSQL (ICU or not)."""

import re

import pytest
from django.db import connection

from registry.models import KAZAKH_ALPHABET, KAZAKH_FOLDING
from registry.tests.factories import NGOFactory

pytestmark = pytest.mark.django_db


def bins(response):
    return re.findall(r'href="/\w\w/ngos/(\d{12})/[?"]', response.content.decode())


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize(
    "typed",
    ["Таза озен", "таза өзен", "ТАЗА ОЗЕН", "озен", "Таза өзен"],
)
def test_kazakh_typed_on_a_russian_keyboard_finds_the_name(client, lang, typed):
    target = NGOFactory(name_kk="«Таза өзен» экологиялық қоғамы", name_ru="Общество «Таза өзен»")
    NGOFactory(name_kk="Шахмат клубы", name_ru="Шахматный клуб")
    response = client.get(f"/{lang}/ngos/", {"q": typed})
    assert bins(response) == [target.bin]
    assert "showing similar names" not in response.content.decode()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_folded_letter_is_found(client, lang):
    target = NGOFactory(name_kk="Әділет Ғылым Қоғам Жаңа Өмір Ұлан Үміт Һәм Білім")
    NGOFactory(name_kk="Басқа ұйым")
    for word in ["Адилет", "Гылым", "Когам", "Жана", "Омир", "Улан", "Умит", "Хам", "Билим"]:
        assert bins(client.get(f"/{lang}/ngos/", {"q": word})) == [target.bin], word
    # The Latin i people type for і.
    assert bins(client.get(f"/{lang}/ngos/", {"q": "Бiлiм"})) == [target.bin]


def test_a_typo_with_folded_letters_is_found_and_called_approximate(client):
    target = NGOFactory(name_kk="Көпбалалы аналар одағы", name_ru="Союз многодетных матерей")
    response = client.get("/kk/ngos/", {"q": "копбалаы"})
    assert bins(response) == [target.bin]
    assert "Дәл сәйкестік жоқ" in response.content.decode()
    # Kazakh in Latin letters finds the Cyrillic name (issue 22).
    response = client.get("/en/ngos/", {"q": "kopbalaly"})
    assert bins(response) == [target.bin]


def test_the_similar_names_notice_is_shown_only_for_approximate_results(client):
    NGOFactory(name_ru="Союз многодетных матерей")
    exact = client.get("/en/ngos/", {"q": "многодетных"}).content.decode()
    similar = client.get("/en/ngos/", {"q": "многодетых"}).content.decode()
    assert "No exact match; showing similar names." not in exact
    assert "No exact match; showing similar names." in similar


def test_the_database_folds_letters_as_the_code_says():
    with connection.cursor() as cursor:
        for letter, folded in KAZAKH_FOLDING.items():
            cursor.execute("SELECT registry_fold(%s), registry_fold(upper(%s))", [letter, letter])
            assert cursor.fetchone() == (folded, folded)


def test_sort_keys_follow_the_kazakh_alphabet():
    with connection.cursor() as cursor:
        letters = list(KAZAKH_ALPHABET)
        cursor.execute(
            "SELECT l FROM unnest(%s::text[]) AS l ORDER BY registry_sort_key(l)",
            [letters[::-1]],
        )
        assert [row[0] for row in cursor.fetchall()] == letters


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_directory_lists_names_in_kazakh_alphabetical_order(client, lang):
    names = ["Ұлан", "Уақыт", "Үміт", "Өркен", "Ақ жол", "Әділет", "Ғасыр", "Гүл", "Қамқор", "Ою"]
    expected = [
        "Ақ жол",
        "Әділет",
        "Гүл",
        "Ғасыр",
        "Қамқор",
        "Ою",
        "Өркен",
        "Уақыт",
        "Ұлан",
        "Үміт",
    ]
    by_name = {NGOFactory(name_kk=f"«{name}» қоры", name_ru=None).bin: name for name in names}
    response = client.get(f"/{lang}/ngos/", {"sort": "name"})
    assert [by_name[b] for b in bins(response)] == expected
    response = client.get(f"/{lang}/ngos/", {"sort": "name", "page_size": 20})
    assert [by_name[b] for b in bins(response)] == expected
