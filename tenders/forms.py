from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from registry.forms import WholeNumberField
from registry.models import NGO

from .models import Application, Lot


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


class ApplicationForm(forms.ModelForm):
    requested_amount = WholeNumberField(
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
    amount = WholeNumberField(label=_("Amount, tenge"), min_value=1, required=False)

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
