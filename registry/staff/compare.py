"""The review pages' building blocks: field-by-field comparison and the checklist of gaps."""

import datetime

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..forms import NGOProfileForm
from ..models import NGO, Document

REVIEW_FIELDS = ("bin", *NGO.PROFILE_FIELDS)


def label(name: str) -> str:
    field = NGOProfileForm.base_fields.get(name)
    return capfirst(field.label if field else NGO._meta.get_field(name).verbose_name)


def shown(obj, name: str):
    """A field's value as people read it: a choice's label, a related record's name."""
    field = NGO._meta.get_field(name)
    value = getattr(obj, name)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


def compare(names, now, before) -> list[dict]:
    """Rows of (label, value now, value before, changed?); `before` may be None (nothing yet)."""
    rows = []
    for name in names:
        now_value = shown(now, name)
        before_value = shown(before, name) if before is not None else None
        rows.append(
            {
                "name": name,
                "label": label(name),
                "now": now_value,
                "before": before_value,
                "changed": before is not None and now_value != before_value,
            }
        )
    return rows


def checklist(ngo: NGO, areas, documents) -> list[tuple[str, bool]]:
    """What an official checks before verifying; each item filled in or missing."""
    kinds = {document.kind for document in documents}
    return [
        (_("Name in Kazakh"), bool(ngo.name_kk)),
        (_("Name in Russian"), bool(ngo.name_ru)),
        (_("Registration date"), ngo.registered_on is not None),
        (_("Head"), bool(ngo.head_name)),
        (_("Address"), bool(ngo.address)),
        (_("Email or phone"), bool(ngo.email or ngo.phone)),
        (_("Description"), bool(ngo.description_kk or ngo.description_ru or ngo.description_en)),
        (_("Activity areas"), bool(areas)),
        (_("Charter"), Document.Kind.CHARTER in kinds),
        (_("State registration certificate"), Document.Kind.REGISTRATION in kinds),
    ]
