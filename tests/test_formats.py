"""Dates read the way people in Kazakhstan write them: day first, 24-hour, Almaty time."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

MOMENT = datetime.datetime(2026, 3, 1, 14, 30, tzinfo=datetime.UTC)  # 19:30 in Almaty
TEMPLATE = Template(
    "{{ moment }}|{{ moment|date }}|{{ moment|time }}"
    '|{{ moment|date:"SHORT_DATETIME_FORMAT" }}|{{ day }}'
)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_dates_are_day_first_24_hour_in_almaty_time(language):
    with translation.override(language):
        text = TEMPLATE.render(Context({"moment": MOMENT, "day": MOMENT.date()}))
    assert text == "01.03.2026 19:30|01.03.2026|19:30|01.03.2026 19:30|01.03.2026"
