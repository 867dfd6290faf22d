from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registry.models import NGO

from .competitions import Competition


class QuestionQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(answered_at__isnull=False)

    def unanswered(self):
        return self.filter(answered_at__isnull=True)


class Question(models.Model):
    """An NGO's question about the documentation; the organiser's answer is public, the asker not.

    The question stays in the language it was asked in; the answer is given in Kazakh and/or
    Russian. An official may also publish a question and answer that nobody asked.
    """

    LANGUAGES = settings.LANGUAGES

    number = models.CharField(_("number"), max_length=48, unique=True)
    competition = models.ForeignKey(
        Competition, models.PROTECT, related_name="questions", verbose_name=_("competition")
    )
    ngo = models.ForeignKey(
        NGO,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="tender_questions",
        verbose_name=_("NGO"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("question"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # A published answer is amended, never replaced: each earlier answer with its date, oldest
    # first ({"kk", "ru", "at"}), and when the answer now shown was given.
    earlier_answers = models.JSONField(_("earlier answers"), default=list, blank=True)
    amended_at = models.DateTimeField(_("amended"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["competition", "asked_at", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="question_has_text"),
            # An answered question has its answer in Kazakh or Russian (or both).
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True)
                | (Q(answer_kk__isnull=False) & ~Q(answer_kk=""))
                | (Q(answer_ru__isnull=False) & ~Q(answer_ru="")),
                name="question_answer_in_kk_or_ru",
            ),
            # Only an official's own question-and-answer has no asker, and it is answered.
            models.CheckConstraint(
                condition=Q(asked_by__isnull=False) | Q(answered_at__isnull=False),
                name="question_without_asker_is_answered",
            ),
        ]

    def __str__(self):
        return f"{self.number}: {self.text[:60]}"

    def earlier(self) -> list[dict]:
        """The earlier answers in the reader's language (the other one if it had none)."""
        first = "ru" if get_language() == "ru" else "kk"
        second = "kk" if first == "ru" else "ru"
        return [
            {"text": item.get(first) or item.get(second, ""), "at": parse_datetime(item["at"])}
            for item in self.earlier_answers
        ]
