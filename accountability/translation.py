from modeltranslation.translator import TranslationOptions, register

from .models import Item


@register(Item)
class ItemTranslation(TranslationOptions):
    fields = ("title", "description")
