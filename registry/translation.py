from modeltranslation.translator import TranslationOptions, register

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
