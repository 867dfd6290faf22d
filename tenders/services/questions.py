"""Questions on the documentation while a competition accepts applications, and public answers."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import events, permissions
from ..models import Competition, Question
from .base import TenderError, require_organiser, save
from .competitions import unique_or_error

LANGUAGES = {code for code, _name in Question.LANGUAGES}


def _next_number(competition: Competition) -> str:
    return f"{competition.number}-Q{competition.questions.count() + 1:03d}"


def _locked(competition: Competition) -> Competition:
    return Competition.objects.select_for_update().get(pk=competition.pk)


def _check_text(text: str, language: str) -> str:
    if not text.strip():
        raise TenderError(_("Write your question."))
    if language not in LANGUAGES:
        raise TenderError(_("Choose the language of the question."))
    return text.strip()


def _answers(answer_kk: str, answer_ru: str) -> tuple[str, str]:
    answer_kk, answer_ru = answer_kk.strip(), answer_ru.strip()
    if not (answer_kk or answer_ru):
        raise TenderError(_("Give the answer in Kazakh or in Russian (or in both)."))
    return answer_kk, answer_ru


@transaction.atomic
def ask_question(competition: Competition, ngo, user, text: str, language: str, now=None):
    """A representative of an NGO asks about the documentation, while applications are taken."""
    now = now or timezone.now()
    if not permissions.may_apply_for(user, ngo):
        raise TenderError(_("You do not represent this organisation."))
    competition = _locked(competition)
    if not competition.is_accepting(now):
        raise TenderError(
            _("Questions are taken only while the competition is accepting applications.")
        )
    question = Question(
        competition=competition,
        number=_next_number(competition),
        ngo=ngo,
        asked_by=user,
        text=_check_text(text, language),
        language=language,
    )
    return unique_or_error(
        lambda: save(question, user, "asked") or question,
        _("The question could not be recorded; send it again."),
    )


@transaction.atomic
def answer_question(question: Question, user, answer_kk: str, answer_ru: str, now=None):
    """The organiser's answer, public on the competition page; the asker is told."""
    question = (
        Question.objects.select_for_update().select_related("competition").get(pk=question.pk)
    )
    require_organiser(user, question.competition)
    now = now or timezone.now()
    answer_kk, answer_ru = _answers(answer_kk, answer_ru)
    if question.answered_at is not None:
        if (answer_kk, answer_ru) == (question.answer_kk or "", question.answer_ru or ""):
            return question
        # Published already: the new answer is an amendment, shown beside the earlier one.
        question.earlier_answers = [
            *question.earlier_answers,
            {
                "kk": question.answer_kk or "",
                "ru": question.answer_ru or "",
                "at": (question.amended_at or question.answered_at).isoformat(),
            },
        ]
        question.amended_at = now
    else:
        question.answered_at = now
    question.answer_kk, question.answer_ru = answer_kk, answer_ru
    question.answered_by = user
    save(question, user, "amended" if question.amended_at else "answered")
    events.question_answered(question, user)
    return question


@transaction.atomic
def publish_question(
    competition: Competition, user, text: str, language: str, answer_kk: str, answer_ru: str
):
    """An official publishes a question and its answer that nobody asked (a clarification)."""
    require_organiser(user, competition)
    competition = _locked(competition)
    if competition.status == Competition.Status.DRAFT:
        raise TenderError(_("Announce the competition before publishing questions and answers."))
    answer_kk, answer_ru = _answers(answer_kk, answer_ru)
    question = Question(
        competition=competition,
        number=_next_number(competition),
        text=_check_text(text, language),
        language=language,
        answer_kk=answer_kk,
        answer_ru=answer_ru,
        answered_by=user,
        answered_at=timezone.now(),
    )
    return unique_or_error(
        lambda: save(question, user, "published by the organiser") or question,
        _("The question could not be recorded; send it again."),
    )
