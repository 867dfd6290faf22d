from modeltranslation.translator import TranslationOptions, register

from .models import Event, Forum, ForumDocument, Question, Recommendation, Section


@register(Forum)
class ForumTranslation(TranslationOptions):
    fields = ("title", "theme", "description", "city", "venue")


@register(ForumDocument)
class ForumDocumentTranslation(TranslationOptions):
    fields = ("title",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "city", "venue")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("title", "text")
