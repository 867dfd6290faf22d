"""The Kazakh business identification number (BIN): 12 digits with a mod-11 check digit.

Rule as in python-stdnum's stdnum.kz.bin (OECD TIN sheet for Kazakhstan): weights 1..11 over
the first 11 digits, sum mod 11; when that is 10, weights 3..11,1,2; when still 10 the number is
invalid.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Digit 5: 4 resident, 5 non-resident legal entity. 6 (joint individual entrepreneurship) is not
# a legal entity, so it can never be an NGO's BIN.
ENTITY_TYPES = {"4", "5"}
ENTITY_ATTRIBUTES = {"0", "1", "2"}  # digit 6: head office, branch, representative office
FIRST_BIN_YEAR = 1991  # no organisation of independent Kazakhstan was registered earlier


def compact(value: str) -> str:
    """The BIN without the spaces, dashes and dots that people and spreadsheets add."""
    return "".join(ch for ch in str(value) if ch not in " \u00a0-.\t")


def check_digit(first11: str) -> int | None:
    digits = [int(c) for c in first11]
    total = sum(w * d for w, d in zip(range(1, 12), digits, strict=True)) % 11
    if total == 10:
        weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        total = sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
    return None if total == 10 else total


def validate_bin(value: str) -> None:
    """Raise ValidationError naming the rule the BIN breaks."""
    if not value.isdigit():
        raise ValidationError(_("A BIN consists of digits only."), code="bin_digits")
    if len(value) != 12:
        raise ValidationError(
            _("A BIN has 12 digits; this one has %(count)d."),
            code="bin_length",
            params={"count": len(value)},
        )
    month = int(value[2:4])
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Digits 3–4 of a BIN are the month of registration (01–12), not %(month)s."),
            code="bin_month",
            params={"month": value[2:4]},
        )
    if value[4] not in ENTITY_TYPES:
        raise ValidationError(
            _(
                "Digit 5 of a BIN is the type of legal entity: 4 (resident) or 5 (non-resident), "
                "not %(digit)s."
            ),
            code="bin_type",
            params={"digit": value[4]},
        )
    if value[5] not in ENTITY_ATTRIBUTES:
        raise ValidationError(
            _(
                "Digit 6 of a BIN says which office it is: 0 (head office), 1 (branch) or "
                "2 (representative office), not %(digit)s."
            ),
            code="bin_attribute",
            params={"digit": value[5]},
        )
    if bin_month(value) is None:
        raise ValidationError(
            _("A BIN starts with the year and month of registration; %(month)s is in the future."),
            code="bin_future",
            params={"month": f"{value[2:4]}.20{value[:2]}"},
        )
    expected = check_digit(value[:11])
    if expected is None:
        raise ValidationError(
            _("This BIN cannot have a valid check digit; the number is mistyped."),
            code="bin_checksum",
        )
    if int(value[11]) != expected:
        raise ValidationError(
            _("The check digit of this BIN is wrong (the last digit should be %(expected)d)."),
            code="bin_checksum",
            params={"expected": expected},
        )


def bin_month(value: str) -> datetime.date | None:
    """The first day of the registration month a BIN starts with; None if it lies in the future.

    The year has two digits: 2000 + YY unless that is still to come, then 1900 + YY (the 1990s).
    """
    this_month = timezone.localdate().replace(day=1)
    year, month = int(value[:2]), int(value[2:4])
    for century in (2000, 1900):
        day = datetime.date(century + year, month, 1)
        if day.year >= FIRST_BIN_YEAR and day <= this_month:
            return day
    return None


def validate_bin_matches_registration(value: str, registered_on: datetime.date | None) -> None:
    """The BIN's year and month are those of the registration; a mismatch is a typo in either."""
    if registered_on is None or not is_valid(value):
        return
    if bin_month(value) != registered_on.replace(day=1):
        raise ValidationError(
            _(
                "The BIN says the organisation was registered in %(bin_month)s, but the "
                "registration date is %(date)s; correct the one that is wrong."
            ),
            code="bin_registration_mismatch",
            params={
                "bin_month": f"{value[2:4]}.{bin_month(value).year}",
                "date": registered_on.strftime("%d.%m.%Y"),
            },
        )


def is_valid(value: str) -> bool:
    try:
        validate_bin(value)
    except ValidationError:
        return False
    return True


def make_bin(year: int, month: int, serial: int, entity_type: str = "4", attribute: str = "0"):
    """A valid BIN for the given registration month and serial (demo data and tests)."""
    while True:
        first11 = f"{year % 100:02d}{month:02d}{entity_type}{attribute}{serial % 100000:05d}"
        digit = check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
        serial += 1
