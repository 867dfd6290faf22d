"""Questions on the documentation: NGOs ask during the window; the answers are public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from registry.models import NGO

from .. import services
from ..forms import QuestionForm
from ..models import Competition, Question


@login_required
def ask(request, number: str):
    competition = get_object_or_404(Competition.objects.public(), number=number)
    ngos = NGO.objects.represented_by(request.user)
    form = QuestionForm(request.POST or None, ngos=ngos)
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_question(
                competition,
                form.cleaned_data["ngo"],
                request.user,
                form.cleaned_data["text"],
                form.cleaned_data["language"],
            )
        except services.TenderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Your question has been sent; the answer will be published on this page."),
            )
            return redirect("tenders:detail", number=competition.number)
    return render(
        request,
        "tenders/ask.html",
        {"competition": competition, "form": form, "has_ngos": ngos.exists()},
    )


def public_questions(competition: Competition) -> list[Question]:
    """Answered questions for the competition page: no asker, the answer in the page language."""
    return list(competition.questions.answered().order_by("answered_at", "pk"))
