import datetime

import pytest
from django.utils import translation

from registry.models import Region, StateBody


@pytest.mark.django_db
def test_there_are_17_oblasts_and_3_cities_today():
    current = Region.objects.current()
    assert current.filter(level="oblast").count() == 17
    assert set(current.filter(level="city").values_list("kato", flat=True)) == {
        "710000000",
        "750000000",
        "790000000",
    }


@pytest.mark.django_db
def test_a_record_from_2005_shows_south_kazakhstan_not_turkistan():
    turkistan = Region.objects.get(kato="610000000")
    with translation.override("ru"):
        assert turkistan.name_on(datetime.date(2005, 7, 19)) == "Южно-Казахстанская область"
        assert turkistan.name_on(datetime.date(2019, 1, 1)) == "Туркестанская область"
    with translation.override("en"):
        shymkent = Region.objects.get(kato="790000000")
        assert shymkent.name_on(datetime.date(2010, 1, 1)) == "South Kazakhstan Region"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("new", "old"),
    [("100000000", "630000000"), ("330000000", "190000000"), ("620000000", "350000000")],
)
def test_regions_split_off_in_2022_show_their_parent_region_before(new, old):
    region = Region.objects.get(kato=new)
    assert region.as_of(datetime.date(2021, 12, 31)).kato == old
    assert region.as_of(datetime.date(2022, 6, 8)).kato == new


@pytest.mark.django_db
def test_names_fall_back_to_kazakh_when_a_language_is_missing():
    region = Region.objects.create(
        kato="750210000",
        name_kk="Алмалы ауданы",
        level="district",
        parent=Region.objects.get(kato="750000000"),
    )
    with translation.override("en"):
        assert Region.objects.get(pk=region.pk).name == "Алмалы ауданы"


@pytest.mark.django_db
def test_every_current_region_has_an_akimat():
    assert StateBody.objects.filter(kind="akimat").count() == 20
    with translation.override("ru"):
        assert StateBody.objects.get(code="akimat-150000000").name == ("Акимат Актюбинской области")
