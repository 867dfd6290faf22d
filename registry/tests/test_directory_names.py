"""The directory as a citizen uses it (issue 22): NGOs listed A–Z by their own names, found from
the first letters typed and from Kazakh in Latin letters, with the words offered as one types."""

import re

import pytest
from django.core.cache import cache

from registry.models import NGO, LegalForm
from registry.tests.factories import NGOFactory

pytestmark = pytest.mark.django_db


def ngo(kk: str, ru: str, en: str, form: str = "public_association") -> NGO:
    return NGOFactory(
        name_kk=kk, name_ru=ru, name_en=en, legal_form=LegalForm.objects.get(code=form)
    )


def headings(response) -> list[str]:
    return re.findall(r'<h2><a href="/\w\w/ngos/\d{12}/[^"]*">([^<]+)</a></h2>', response.text)


def found(client, q: str, language: str = "ru") -> list[str]:
    return headings(client.get(f"/{language}/ngos/", {"q": q}))


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_the_directory_lists_ngos_by_their_own_names_in_each_language(client):
    ngo(
        "Абай облысының «Ынтымақ» қоғамдық бірлестігі",
        "Некоммерческая организация «Ынтымак» Абайской области",
        '"Yntymaq" Non-profit Organisation of Abai Region',
    )
    ngo(
        "Ақмола облысының «Болашақ» қоғамдық қоры",
        "Общественный фонд «Болашак» Акмолинской области",
        '"Bolashaq" Public Foundation of Akmola Region',
        form="public_foundation",
    )
    ngo(
        "«Әлем» жеке мекемесі",
        "Частное учреждение «Алем»",
        '"Älem" Private Institution',
        form="private_institution",
    )
    # No quotes: the legal-form and place words are left out of the order.
    ngo(
        "Достық қоғамдық бірлестігі",
        "Общественное объединение Достык города Астаны",
        "Dostyq Public Association",
    )
    assert headings(client_get(client, "kk")) == ["Әлем", "Болашақ", "Достық", "Ынтымақ"]
    assert headings(client_get(client, "ru")) == ["Алем", "Болашак", "Достык", "Ынтымак"]
    assert headings(client_get(client, "en")) == ["Bolashaq", "Dostyq", "Yntymaq", "Älem"]
    # The whole official name is still on the page, after the own name.
    page = client_get(client, "ru").text
    assert "Некоммерческая организация «Ынтымак» Абайской области" in page


def client_get(client, language: str):
    return client.get(f"/{language}/ngos/")


def test_namesakes_are_ordered_by_legal_form_and_place(client):
    ngo("«Мейірім» қоғамдық қоры", "Общественный фонд «Мейрим»", "Meirim Public Foundation")
    ngo(
        "«Мейірім» қоғамдық бірлестігі",
        "Ассоциация «Мейрим» города Алматы",
        "Meirim Association",
    )
    ngo("«Айна» қоғамдық қоры", "Общественный фонд «Айна»", "Aina Public Foundation")
    page = client_get(client, "ru").text
    assert headings(client_get(client, "ru")) == ["Айна", "Мейрим", "Мейрим"]
    assert page.index("Ассоциация «Мейрим»") < page.index("Общественный фонд «Мейрим»")


def test_the_first_letters_of_the_last_word_find_the_names(client):
    ngo("«Ынтымақ» қоғамдық бірлестігі", "Общественное объединение «Ынтымак»", "Yntymaq")
    ngo("«Ынтымак» қоғамдық қоры", "Общественный фонд «Ынтымак»", "Yntymak Foundation")
    ngo("«Комек» қоғамдық қоры", "Общественный фонд «Комек»", "Komek Foundation")
    ngo("«Бірлік» қоғамдық қоры", "Общественный фонд «Бирлик»", "Birlik Foundation")
    assert found(client, "Ынтым", "kk") == ["Ынтымак", "Ынтымақ"]
    assert found(client, "ком") == ["Комек"]
    assert found(client, "фонд ынты") == ["Ынтымак"]
    # A whole word with a typo is still corrected.
    assert found(client, "Бирлки") == ["Бирлик"]


KAZAKH_IN_LATIN = [
    ("Қамқор", ["Qamqor"]),
    ("Жастар", ["Jastar", "Zhastar"]),
    ("Таң шолпан", ["Tañ", "Tang"]),
    ("Ғасыр", ["Ğasyr", "Ghasyr"]),
    ("Үміт", ["Ümit"]),
    ("Ұлан", ["Ūlan"]),
    ("Өркен", ["Örken"]),
    ("Әсем", ["Äsem"]),
    ("Шапағат", ["Şapağat", "Shapaghat"]),
    ("Білім", ["Bilim"]),
    ("Ырыс", ["Yrys"]),
]


def test_kazakh_in_latin_letters_finds_what_the_cyrillic_finds(client):
    for name, _spellings in KAZAKH_IN_LATIN:
        ngo(f"«{name}» қоғамдық қоры", f"Общественный фонд «{name}»", f"{name} Foundation")
    ngo("«Мейірім» қоғамдық қоры", "Общественный фонд «Мейрим»", "Meirim Foundation")
    for name, spellings in KAZAKH_IN_LATIN:
        cyrillic = found(client, name.split()[0], "kk")
        assert cyrillic == [name], name
        for spelling in spellings:
            assert found(client, spelling, "kk") == cyrillic, spelling
    assert found(client, "qamq", "kk") == ["Қамқор"]  # while still typing, in Latin too


def test_the_suggestions_complete_the_last_word_from_the_name_words(client):
    ngo("«Ынтымақ» қоғамдық бірлестігі", "Общественное объединение «Ынтымак»", "Yntymaq")
    ngo("«Ынтымақтастық» қоры", "Фонд «Ынтымактастык»", "Cooperation Foundation")
    answer = client.get("/api/v1/ngos/suggest/", {"q": "фонд Ынтым"})
    assert answer.status_code == 200
    assert answer.json() == {"q": "фонд Ынтым", "words": ["ынтымак", "ынтымактастык"]}
    assert "public" in answer["Cache-Control"]
    assert "ынтымак" in client.get("/api/v1/ngos/suggest/", {"q": "Yntym"}).json()["words"]
    assert client.get("/api/v1/ngos/suggest/", {"q": "ы"}).json()["words"] == []
    # Without a script, the results page offers the same words as links.
    page = client.get("/kk/ngos/", {"q": "фонд Ынтым"}).text
    assert "?q=%D1%84%D0%BE%D0%BD%D0%B4+%D1%8B%D0%BD%D1%82%D1%8B%D0%BC%D0%B0%D0%BA" in page
