"""The words of the import: message codes with parameters, translated only when shown.

A report is stored as codes and parameters, so a report made in Kazakh reads in Russian on the
Russian page. Regions are stored by KATO code and named in the reader's language.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .bin import validate_bin

MESSAGES = {
    # The file as a whole.
    "wrong_type": _("Upload the register as a .csv or .xlsx file."),
    "too_large": _("The file is %(size)s; the largest allowed is %(limit)s."),
    "too_large_unpacked": _(
        "Unpacked, the workbook is %(size)s; the largest allowed is %(limit)s. Split the register "
        "into several files."
    ),
    "too_many_rows": _(
        "The file has more than %(limit)d rows; split the register into files of at most "
        "%(limit)d rows."
    ),
    "too_many_columns": _("The file has %(count)d columns; at most %(limit)d are allowed."),
    "cell_too_long": _(
        "Row %(line)d, column %(column)d has %(length)d characters; a cell may have at most "
        "%(limit)d."
    ),
    "file_empty": _("The file is empty."),
    "column_missing": _("The file has no column “%(column)s”."),
    "no_bin_column": _("The first row must be the header with a BIN column (БСН, БИН or BIN)."),
    "not_xlsx": _("This is not a readable Excel workbook (.xlsx)."),
    "not_csv": _("This is not a CSV text file."),
    "not_text": _(
        "The file is neither UTF-8 nor Windows-1251 text; save it from Excel as “CSV UTF-8”."
    ),
    "csv_malformed": _("The CSV file is malformed at line %(line)d: %(error)s"),
    "collision": _(
        "Someone changed the same NGOs while the file was being checked; nothing was saved. Run "
        "the import again."
    ),
    "database": _("The database refused the import (%(error)s); nothing was saved."),
    "unexpected": _("The import stopped on an unexpected error (%(error)s); nothing was saved."),
    # Columns and rows.
    "column_ignored": _("This column is not recognised and was ignored."),
    "bin_empty": _("The BIN is empty."),
    "bin_zero_restored": _(
        "The BIN had 11 digits; the leading zero a spreadsheet drops was restored: %(bin)s."
    ),
    "bin_normalised": _(
        "The BIN was written with spaces or separators; it was normalised to %(bin)s."
    ),
    "bin_duplicate": _(
        "This BIN is already in row %(line)d; only the first row with a BIN is imported."
    ),
    "name_too_long": _("The name is longer than %(limit)d characters."),
    "name_empty": _("The name is empty."),
    "legal_form_unknown": _(
        "Unknown legal form “%(value)s”; write its full name or an abbreviation such as ОО, ОФ, "
        "ЧУ or ҚБ."
    ),
    "region_unknown": _("Unknown region “%(value)s”."),
    "region_ambiguous": _("“%(value)s” could be several regions; write the full name."),
    "region_gone": _("The region “%(value)s” no longer exists; write the current one."),
    "region_former": _(
        "“%(value)s” is a former region; the NGO is recorded in its successor, %(region)s."
    ),
    "region_former_split": _(
        "“%(value)s” is a former region; the NGO is recorded in its successor, %(region)s. "
        "Correct the row if the NGO is in %(regions)s."
    ),
    "region_out_of_scope": _("%(region)s is outside the regions you are responsible for."),
    "date_invalid": _("“%(value)s” is not a date; write it as DD.MM.YYYY."),
    "date_unreal": _("“%(value)s” is not a real calendar date."),
    "date_future": _("The registration date %(value)s is in the future."),
    "date_not_bin_month": _(
        "The BIN says the organisation was registered in %(bin_month)s, but the "
        "registration date is %(date)s; correct the one that is wrong."
    ),
    "area_unknown": _("Unknown activity area “%(value)s” was left out."),
    "email_invalid": _("“%(value)s” is not an email address; it was left out."),
    "text_too_long": _("Longer than %(limit)d characters; it was left out."),
    "new_needs_name": _("A new NGO needs a name."),
    "new_needs_legal_form": _("A new NGO needs a legal form."),
    "new_needs_region": _("A new NGO needs a region."),
    "ngo_out_of_scope": _("This NGO is outside your scope."),
}

# Column names for a column the file does not have, stored as "@key".
COLUMN_LABELS = {
    "bin": _("BIN"),
    "name": _("Name"),
    "legal_form": _("Legal form"),
    "region": _("Region"),
}


def add_messages(messages: dict) -> None:
    """Another import's own message codes and their (lazily translated) texts."""
    clash = {code for code, text in messages.items() if MESSAGES.get(code, text) != text}
    if clash:
        raise ValueError(f"Import message codes already used: {sorted(clash)}")
    MESSAGES.update(messages)


def region_codes(params: dict) -> list[str]:
    """The KATO codes a message's parameters name, to be named in the reader's language."""
    return ([params["region"]] if "region" in params else []) + list(params.get("regions", []))


def message(code: str, params: dict, regions: dict[str, str] | None = None) -> str:
    """The message of a code in the active language; `regions` names the KATO codes it holds
    (`Region.objects.names(region_codes(params))`; without it the codes are shown)."""
    if code == "bin_invalid":
        try:
            validate_bin(params["bin"])
        except ValidationError as exc:
            return " ".join(exc.messages)
    params, names = dict(params), regions or {}
    if "region" in params:
        params["region"] = names.get(params["region"], params["region"])
    if "regions" in params:
        params["regions"] = ", ".join(names.get(kato, kato) for kato in params["regions"])
    template = MESSAGES.get(code)
    return str(template) % params if template is not None else code


def column_title(column: str) -> str:
    """A column as the file titles it, or our name for a column the file lacks."""
    if column.startswith("@"):
        return str(COLUMN_LABELS.get(column[1:], column[1:]))
    return column
