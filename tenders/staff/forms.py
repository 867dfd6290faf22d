"""Forms of the officials' screens: competitions, the commission, answers, appeals, contracts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accountability.models import Item
from registry.forms import check_upload
from registry.models import ActivityArea, Region, StateBody
from registry.permissions import is_administrator

from ..forms import TengeField
from ..models import (
    Application,
    Award,
    CommissionMember,
    Competition,
    Contract,
    Criterion,
    Lot,
    ProjectReport,
    Question,
)
from ..models.competitions import MAX_MCI, MAX_TENGE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = {"rows": 5}
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CompetitionForm(forms.ModelForm):
    class Meta:
        model = Competition
        fields = [
            "mechanism",
            "organiser",
            "operator",
            "year",
            "title_kk",
            "title_ru",
            "title_en",
            "description_kk",
            "description_ru",
            "description_en",
            "opens_at",
            "closes_at",
            "documentation_kk",
            "documentation_ru",
            "pass_score",
        ]
        labels = {
            "title_kk": _("Title in Kazakh"),
            "title_ru": _("Title in Russian"),
            "title_en": _("Title in English"),
            "description_kk": _("Description in Kazakh"),
            "description_ru": _("Description in Russian"),
            "description_en": _("Description in English"),
        }
        widgets = {
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            **{
                f"description_{lang}": forms.Textarea(attrs={"rows": 3})
                for lang in ("kk", "ru", "en")
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = StateBody.objects.all() if is_administrator(user) else user.state_bodies.all()
        self.fields["organiser"].queryset = bodies
        self.fields["operator"].queryset = StateBody.objects.filter(kind=StateBody.Kind.OPERATOR)
        self.fields["title_ru"].required = False  # checked, with the Kazakh one, when announcing
        if self.instance.pk:
            for name in ("mechanism", "organiser", "year"):
                self.fields[name].disabled = True  # they make the public number

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The close must come after the opening."))
        return data

    def clean_documentation_kk(self):
        return self._document("documentation_kk")

    def clean_documentation_ru(self):
        return self._document("documentation_ru")

    def _document(self, name):
        upload = self.cleaned_data.get(name)
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            check_upload(upload)
        return upload


class LotForm(forms.ModelForm):
    budget = TengeField(label=_("Budget, tenge"), required=False)
    budget_mci = TengeField(
        label=_("Or the budget in MCI"),
        required=False,
        max_value=MAX_MCI,
        help_text=_(
            "For grants set in MCI: the tenge budget is this multiple of the competition year's "
            "MCI, and the MCI value used is kept with the lot."
        ),
    )

    class Meta:
        model = Lot
        fields = [
            "theme_kk",
            "theme_ru",
            "theme_en",
            "activity_area",
            "region",
            "budget",
            "budget_mci",
            "term_months",
            "winners_allowed",
        ]
        labels = {
            "theme_kk": _("Theme in Kazakh"),
            "theme_ru": _("Theme in Russian"),
            "theme_en": _("Theme in English"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.current()
        self.fields["activity_area"].queryset = ActivityArea.objects.all()
        self.fields["theme_ru"].required = True
        self.fields["theme_kk"].required = True

    def clean(self):
        data = super().clean()
        budget, mci = data.get("budget"), data.get("budget_mci")
        if not budget and not mci:
            self.add_error("budget", _("Give the budget in tenge or in MCI."))
        elif budget and mci:
            self.add_error("budget_mci", _("Give the budget either in tenge or in MCI, not both."))
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name_kk", "name_ru", "name_en", "weight", "max_points"]
        labels = {
            "name_kk": _("Criterion in Kazakh"),
            "name_ru": _("Criterion in Russian"),
            "name_en": _("Criterion in English"),
        }


CriteriaFormSet = forms.modelformset_factory(
    Criterion, form=CriterionForm, extra=2, can_delete=False, max_num=20
)


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("Email of the member"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CommissionMember.Kind.choices)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("admit", _("Admit to scoring")),
            ("return", _("Return: more information required")),
            ("ineligible", _("Ineligible")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason (the applicant receives it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class AwardForm(forms.Form):
    application = forms.ModelChoiceField(
        label=_("Application"), queryset=Application.objects.none(), to_field_name="number"
    )
    amount = TengeField(label=_("Amount awarded, tenge"))

    def __init__(self, *args, lot, ranking=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Offered in ranking order, without those already awarded.
        awarded = set(lot.awards.standing().values_list("application_id", flat=True))
        order = [row.application.pk for row in ranking if row.application.pk not in awarded]
        field = self.fields["application"]
        field.queryset = lot.applications.filter(
            status=Application.Status.ADMITTED, pk__in=order
        ).select_related("ngo")
        position = {pk: index for index, pk in enumerate(order)}
        field.choices = [("", "---------")] + [
            (a.number, f"{a.number} — {a.ngo.name}")
            for a in sorted(field.queryset, key=lambda a: position[a.pk])
        ]


class ScoreForm(forms.Form):
    """One field per criterion, and the declaration that comes first."""

    no_conflict = forms.BooleanField(
        label=_(
            "I declare that I have no conflict of interest with this applicant: I do not "
            "represent it, work for it or have a personal interest in it."
        ),
        required=True,
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s (%(weight)s%%), 0 to %(max)s points")
                % {
                    "criterion": criterion.name,
                    "weight": criterion.weight,
                    "max": criterion.max_points,
                },
                min_value=0,
                max_value=criterion.max_points,
            )

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


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
        max_value=MAX_TENGE,
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


class ContractForm(forms.ModelForm):
    amount = TengeField(label=_("Contract amount, tenge"))

    class Meta:
        model = Contract
        fields = ["number", "signed_on", "starts_on", "ends_on", "amount"]
        widgets = {"signed_on": DATE, "starts_on": DATE, "ends_on": DATE}

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project must end after it starts."))
        return data


class InstalmentForm(forms.Form):
    planned_on = forms.DateField(label=_("Planned for"), widget=DATE)
    amount = TengeField(label=_("Amount, tenge"), min_value=1)


class PaidForm(forms.Form):
    instalment = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=32767)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)


class ScheduleReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=ProjectReport.Kind.choices)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


class CorrectionForm(forms.Form):
    """A correction of published results: what changes (withdraw, amounts, a winner added), why."""

    reason = forms.CharField(
        label=_("Reason of the correction (published)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    withdraw = forms.ModelMultipleChoiceField(
        queryset=Award.objects.none(),
        required=False,
        label=_("Awards to withdraw"),
        widget=forms.CheckboxSelectMultiple,
    )
    add_application = forms.ModelChoiceField(
        queryset=Application.objects.none(),
        to_field_name="number",
        required=False,
        label=_("Add a winner (e.g. the runner-up)"),
    )
    add_amount = TengeField(
        label=_("Amount awarded to the added winner, tenge"), min_value=1, required=False
    )
    override = forms.CharField(
        label=_("Why the added winner may break a rule of the ranking"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_(
            "Only if it was not admitted, not scored, is below the pass mark or passes over a "
            "better-scored application; published with the rules it overrides."
        ),
    )

    def __init__(self, *args, awards, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.awards = list(awards)
        self.fields["withdraw"].queryset = awards
        self.fields["withdraw"].label_from_instance = lambda award: (
            f"{award.lot.code}: {award.recipient} — {award.amount:,} ₸"
        )
        for award in self.awards:
            self.fields[f"amount_{award.pk}"] = TengeField(
                label=_("New amount for %(recipient)s (%(lot)s), tenge")
                % {"recipient": award.recipient, "lot": award.lot.code},
                min_value=1,
                required=False,
            )
        self.fields["add_application"].queryset = candidates
        self.fields["add_application"].label_from_instance = lambda application: (
            f"{application.number} — {application.ngo.name} ({application.requested_amount:,} ₸)"
        )
        self.order_fields(
            ["reason", "withdraw", *[f"amount_{a.pk}" for a in self.awards], "add_application"]
        )

    def amounts(self) -> dict:
        return {
            award: self.cleaned_data[f"amount_{award.pk}"]
            for award in self.awards
            if self.cleaned_data.get(f"amount_{award.pk}") not in (None, award.amount)
        }

    def additions(self) -> list:
        application = self.cleaned_data.get("add_application")
        return [(application, self.cleaned_data["add_amount"])] if application else []

    def clean(self):
        data = super().clean()
        if data.get("add_application") and not data.get("add_amount"):
            self.add_error("add_amount", _("Give the amount awarded to the added winner."))
        if data.get("add_amount") and not data.get("add_application"):
            self.add_error("add_application", _("Choose the application that wins."))
        return data


class PlanItemsForm(forms.Form):
    """The action-plan items a lot funds, among those its organiser is responsible for."""

    plan_items = forms.ModelMultipleChoiceField(
        queryset=Item.objects.none(),
        to_field_name="code",
        required=False,
        label=_("Action plan items this lot funds"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only items your state body is responsible for."),
    )

    def __init__(self, *args, lot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_items"].queryset = Item.objects.of_body(lot.competition.organiser)
        self.fields["plan_items"].label_from_instance = lambda item: f"{item.code}: {item.title}"
        self.initial.setdefault("plan_items", list(lot.plan_items.all()))
