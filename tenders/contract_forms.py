"""Forms of contracts and project reports: the officials' contract page and the NGO's report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.forms import WholeNumberField, check_upload

from .models import Contract, ProjectReport

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContractForm(forms.ModelForm):
    amount = WholeNumberField(label=_("Contract amount, tenge"))

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
    amount = WholeNumberField(label=_("Amount, tenge"), min_value=1)


class PaidForm(forms.Form):
    instalment = forms.IntegerField(widget=forms.HiddenInput)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)


class ScheduleReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=ProjectReport.Kind.choices)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


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
    spent = WholeNumberField(label=_("Money spent so far, tenge"), min_value=0)
    attachment = forms.FileField(
        label=_("Attachment (PDF, JPEG or PNG)"),
        required=False,
        help_text=_("The signed report, the financial statement or photos of the events."),
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return check_upload(upload) if upload else upload
