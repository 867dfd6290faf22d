import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from registry.bin import compact, is_valid, make_bin, validate_bin


@pytest.mark.parametrize("value", ["170240846524", "240440492218", "001140653212"])
def test_valid_bins_from_the_sample_register(value):
    validate_bin(value)


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ("17024084652", "bin_length", "12 digits"),
        ("17024084652A", "bin_digits", "digits only"),
        ("171340846524", "bin_month", "month"),
        ("170290846524", "bin_type", "type of legal entity"),
        ("170240846525", "bin_checksum", "last digit should be 4"),
    ],
)
def test_an_invalid_bin_is_refused_with_the_rule_it_breaks(value, code, words):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            validate_bin(value)
        assert error.value.code == code
        assert words in str(error.value.messages[0])


def test_spaces_and_dashes_are_removed():
    assert compact(" 180340 338765 ") == "180340338765"
    assert compact("180340-338765") == "180340338765"


def test_generated_bins_are_valid_and_carry_the_registration_month():
    for serial in range(200):
        value = make_bin(2019, 7, serial)
        assert is_valid(value)
        assert value.startswith("1907")


def test_the_reason_is_given_in_the_users_language():
    with translation.override("ru"):
        with pytest.raises(ValidationError) as error:
            validate_bin("170240846525")
        assert error.value.messages == [
            "Контрольная цифра этого БИН неверна (последняя цифра должна быть 4)."
        ]
