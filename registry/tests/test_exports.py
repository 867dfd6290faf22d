"""Exports of the directory: CSV with the separator the reader's Excel expects, never a formula
whichever separator splits the line; XLSX with real dates and a frozen header."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from registry.tests.factories import NGOFactory

pytestmark = pytest.mark.django_db

WEBSITE = 'https://x.kz/;=HYPERLINK("http://evil.example","click")'
ADDRESS = 'Абая 1,=HYPERLINK("http://evil.example","go")'
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export(client, lang="ru", **params):
    response = client.get(f"/{lang}/ngos/export.csv", params)
    return response, b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def planted():
    return NGOFactory(website=WEBSITE, address=ADDRESS, phone="-1-1", head_name="@SUM(1+1)")


@pytest.mark.parametrize("sep", [";", ","])
def test_no_cell_starts_a_formula_whichever_separator_splits_the_line(client, planted, sep):
    _response, text = export(client, sep=sep)
    line = text.splitlines()[1]

    # As Excel set to either separator splits the line when it ignores the quotes.
    for splitter in (";", ","):
        for piece in line.split(splitter):
            assert not piece.strip().strip('"').startswith(FORMULA_START), piece

    row = next(r for r in csv.reader(io.StringIO(text), delimiter=sep) if r[0] == planted.bin)
    assert row[13] == 'https://x.kz/;\'=HYPERLINK("http://evil.example","click")'
    assert row[10] == 'Абая 1,\'=HYPERLINK("http://evil.example","go")'
    assert row[12] == "'-1-1"


def test_every_field_is_quoted(client, planted):
    _response, text = export(client)
    assert all(line.startswith('"') and line.endswith('"') for line in text.splitlines())


@pytest.mark.parametrize(("lang", "sep"), [("kk", ";"), ("ru", ";"), ("en", ",")])
def test_the_separator_defaults_to_what_excel_opens_in_the_language(client, planted, lang, sep):
    _response, text = export(client, lang=lang)
    header = text.splitlines()[0]
    assert header.count(f'"{sep}"') == 13


def test_the_separator_can_be_chosen_and_is_validated(client, planted):
    _response, text = export(client, lang="ru", sep=",")
    assert text.splitlines()[0].count('","') == 13
    refused = client.get("/en/ngos/export.csv", {"sep": "|"})
    assert refused.status_code == 400


def test_the_directory_offers_both_separators(client, planted):
    page = client.get("/ru/ngos/").content.decode()
    assert "export.csv?sep=%3B" in page and "export.csv?sep=%2C" in page


def test_xlsx_has_real_dates_and_a_frozen_header(client):
    ngo = NGOFactory(registered_on=datetime.date(2015, 3, 1), website=WEBSITE)
    response = client.get("/ru/ngos/export.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active

    assert sheet.freeze_panes == "A2"
    date_cell = sheet.cell(row=2, column=8)
    assert date_cell.value == datetime.datetime(2015, 3, 1)
    assert date_cell.is_date and date_cell.number_format == "DD.MM.YYYY"
    assert sheet.cell(row=2, column=1).value == ngo.bin
    website = sheet.cell(row=2, column=14)
    assert website.data_type == "s" and website.value == WEBSITE
