from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import (
    Appeal,
    Application,
    Award,
    Competition,
    Contract,
    Criterion,
    Instalment,
    Lot,
    ProjectReport,
    Question,
)


@register(Competition)
class CompetitionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Lot)
class LotTranslation(TranslationOptions):
    fields = ("theme",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    """The answer in Kazakh and Russian; the question stays in the language it was asked in."""

    fields = ("answer",)


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name",)


# Who changed a competition, lot, application or award, and why, as the registry keeps for NGOs.
track_history(Competition, excluded_fields=["updated_at"])
track_history(Lot)
track_history(Application, excluded_fields=["updated_at"])
track_history(Award)
track_history(Contract, excluded_fields=["updated_at"])
track_history(Instalment)
track_history(ProjectReport)
track_history(Question)
track_history(Appeal)
