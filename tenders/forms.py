"""Forms of the NGO's side: an application, a question, an appeal and a project report."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from registry.forms import GROUP_SEPARATORS, WholeNumberField, check_upload
from registry.models import NGO

from .models import Application, Lot, Question
from .models.competitions import MAX_TENGE

TEXT = {"rows": 5}


class TengeField(WholeNumberField):
    """Whole tenge as people type them, bounded (MAX_TENGE) and in ASCII digits only: `²` or
    `10²⁰` is a typing error to show, not a number to store."""

    def __init__(self, *args, max_value=MAX_TENGE, **kwargs):
        super().__init__(*args, max_value=max_value, **kwargs)

    def to_python(self, value):
        if value not in self.empty_values:
            digits = str(value)
            for separator in (*GROUP_SEPARATORS, "−"):  # grouping spaces, the minus sign
                digits = digits.replace(separator, "")
            if not digits.isascii():
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class StartApplicationForm(forms.Form):
    """Which of the user's NGOs applies, to which lot of the competition."""

    ngo = forms.ModelChoiceField(
        queryset=NGO.objects.none(), to_field_name="bin", label=_("Organisation")
    )
    lot = forms.ModelChoiceField(
        queryset=Lot.objects.none(), to_field_name="number", label=_("Lot")
    )

    def __init__(self, *args, ngos, lots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ngo"].queryset = ngos
        self.fields["lot"].queryset = lots
        self.fields["lot"].label_from_instance = lambda lot: f"{lot.number}. {lot.theme}"
        for name in ("ngo", "lot"):  # a single choice is chosen already, no "---------"
            field = self.fields[name]
            only = list(field.queryset[:2])
            if len(only) == 1:
                field.empty_label = None
                self.initial.setdefault(name, only[0])


class ApplicationForm(forms.ModelForm):
    requested_amount = TengeField(
        label=capfirst(Application._meta.get_field("requested_amount").verbose_name)
    )

    class Meta:
        model = Application
        fields = [
            "title",
            "summary",
            "goals",
            "activities",
            "beneficiaries",
            "beneficiary_count",
            "requested_amount",
        ]
        widgets = {
            field: forms.Textarea(attrs={"rows": 4})
            for field in ("summary", "goals", "activities", "beneficiaries")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.requested_amount:
            self.initial["requested_amount"] = None  # a new draft asks, it does not suggest 0


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("Item"), max_length=300, required=False)
    amount = TengeField(label=_("Amount, tenge"), min_value=1, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("item")) != bool(data.get("amount")):
            raise forms.ValidationError(_("Give both the item and its amount, or neither."))
        return data


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=3, max_num=50, validate_max=True)


def budget_lines(formset) -> list[dict]:
    return [
        {"item": form.cleaned_data["item"], "amount": form.cleaned_data["amount"]}
        for form in formset.forms
        if form.cleaned_data.get("item")
    ]


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


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("Grounds of the appeal"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text=_("What in the results you contest, and why."),
    )


class ReportForm(forms.Form):
    """What the NGO files: the narrative, the indicators, the money spent and a document."""

    narrative = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    indicators = forms.CharField(
        label=_("Indicators reached"),
        help_text=_(
            "One indicator a line: planned and reached, e.g. “Volunteers trained: 100 / 112”."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
    )
    spent = TengeField(label=_("Money spent so far, tenge"), min_value=0)
    attachment = forms.FileField(
        label=_("Attachment (PDF, JPEG or PNG)"),
        required=False,
        help_text=_("The signed report, the financial statement or photos of the events."),
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return check_upload(upload) if upload else upload
