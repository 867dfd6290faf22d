"""Forms of questions on the documentation and of appeals against results (both sides)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import NGO

from .models import Award, Question

TEXT = {"rows": 5}


class QuestionForm(forms.Form):
    ngo = forms.ModelChoiceField(
        queryset=NGO.objects.none(), to_field_name="bin", label=_("Organisation")
    )
    text = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs=TEXT),
        max_length=3000,
        help_text=_("The answer is published on the competition's page; your name is not."),
    )
    language = forms.ChoiceField(label=_("Language of the question"), choices=Question.LANGUAGES)

    def __init__(self, *args, ngos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ngo"].queryset = ngos


class AnswerForm(forms.Form):
    answer_kk = forms.CharField(
        label=_("Answer in Kazakh"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    answer_ru = forms.CharField(
        label=_("Answer in Russian"), widget=forms.Textarea(attrs=TEXT), required=False
    )

    def clean(self):
        data = super().clean()
        if not (data.get("answer_kk", "").strip() or data.get("answer_ru", "").strip()):
            raise forms.ValidationError(_("Give the answer in Kazakh or in Russian (or in both)."))
        return data


class PublishQuestionForm(AnswerForm):
    text = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )
    language = forms.ChoiceField(label=_("Language of the question"), choices=Question.LANGUAGES)

    field_order = ["text", "language", "answer_kk", "answer_ru"]


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("Grounds of the appeal"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text=_("What in the results you contest, and why."),
    )


class AppealAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer to the grounds"), widget=forms.Textarea(attrs=TEXT), max_length=10000
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("upheld", _("Uphold: correct the results")), ("dismissed", _("Dismiss"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reasons of the decision"),
        widget=forms.Textarea(attrs=TEXT),
        max_length=10000,
        help_text=_("The applicant reads them; an upheld appeal's reasons are published."),
    )
    withdraw = forms.ModelMultipleChoiceField(
        queryset=Award.objects.none(),
        required=False,
        label=_("Awards to withdraw"),
        widget=forms.CheckboxSelectMultiple,
    )
    amount = forms.IntegerField(
        label=_("Award the appellant's application, tenge"),
        required=False,
        min_value=1,
        help_text=_("Leave empty if the appellant's application does not become a winner."),
    )

    def __init__(self, *args, awards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdraw"].queryset = awards
        self.fields["withdraw"].label_from_instance = lambda award: (
            f"{award.lot.code}: {award.recipient} — {award.amount:,} ₸"
        )

    def clean(self):
        data = super().clean()
        changes = data.get("withdraw") or data.get("amount")
        if data.get("decision") == "upheld" and not changes:
            raise forms.ValidationError(
                _("An upheld appeal corrects the results: choose what changes.")
            )
        if data.get("decision") == "dismissed" and changes:
            raise forms.ValidationError(_("A dismissed appeal changes no results."))
        return data
