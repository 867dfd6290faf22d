from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import NGO, ActivityArea, LegalForm, Region, StateBody


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("kk", "ru")


@register(ActivityArea)
class ActivityAreaTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("kk", "ru")


@register(LegalForm)
class LegalFormTranslation(TranslationOptions):
    fields = ("name", "abbreviation")


@register(StateBody)
class StateBodyTranslation(TranslationOptions):
    fields = ("name",)


@register(NGO)
class NGOTranslation(TranslationOptions):
    fields = ("name", "description")


# The history of an NGO must include its names and descriptions in every language, so the
# historical model is built after modeltranslation has added those fields.
track_history(
    NGO,
    excluded_fields=[
        "search_document",
        "name_document",
        "sort_kk",
        "sort_ru",
        "sort_en",
        "updated_at",
    ],
)
