from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import Activity, AgendaItem, Council, Decision, Meeting, Membership, Response, Training


@register(Council)
class CouncilTranslation(TranslationOptions):
    fields = ("name", "mandate", "how_to_join")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("text",)


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title",)


@register(Training)
class TrainingTranslation(TranslationOptions):
    fields = ("topic",)


track_history(Council, excluded_fields=["updated_at", "rule_flags"])
track_history(Membership, excluded_fields=["updated_at"])
track_history(Meeting, excluded_fields=["updated_at"])
track_history(Decision, excluded_fields=["updated_at"])
track_history(Response)
