import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import StateBody

from ..models import Item


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Code or title"), required=False, max_length=200)
    body = forms.ModelChoiceField(
        StateBody.objects.none(), label=_("Responsible body"), required=False, to_field_name="code"
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Item.Status.choices]
    )
    due = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[
            ("", _("Any")),
            ("overdue", _("Overdue")),
            ("soon", _("Overdue or due within 30 days")),
        ],
    )
    contested = forms.BooleanField(label=_("Contested by an NGO"), required=False)

    def __init__(self, data, bodies):
        super().__init__(data)
        self.fields["body"].queryset = bodies
        self.fields["body"].empty_label = _("Any")

    def filter(self, items):
        if not self.is_valid():
            return items
        data = self.cleaned_data
        text = " ".join(data["q"].split())
        if text:
            items = items.filter(
                Q(code__istartswith=text)
                | Q(title_kk__icontains=text)
                | Q(title_ru__icontains=text)
                | Q(title_en__icontains=text)
            )
        if data["body"]:
            items = items.filter(responsible_body=data["body"])
        if data["status"]:
            items = items.filter(status=data["status"])
        if data["due"] == "overdue":
            items = items.overdue()
        elif data["due"] == "soon":
            soon = timezone.localdate() + datetime.timedelta(days=30)
            items = items.open().filter(deadline__lte=soon)
        if data["contested"]:
            items = items.filter(contestations__isnull=False).distinct()
        return items

    @property
    def active_count(self) -> int:
        return sum(1 for v in (self.cleaned_data if self.is_valid() else {}).values() if v)


class ProgressForm(forms.Form):
    """The body's word on an item; not implemented or rejected needs a note saying why."""

    status = forms.ChoiceField(label=_("Status"), choices=Item.Status.choices)
    progress = forms.IntegerField(
        label=_("Progress, %"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("From 0 to 100; left empty, the status brings its usual progress."),
    )
    note = forms.CharField(
        label=_("Note (public)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence_url = forms.URLField(label=_("Link to the evidence"), required=False, max_length=500)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        if item is not None and not self.is_bound:
            self.initial = {"status": item.status, "progress": item.progress}
        if item is not None and item.has_parts:
            self.fields["progress"].disabled = True
            self.fields["progress"].help_text = _("Computed from its parts, weighted.")

    def clean(self):
        data = super().clean()
        if data.get("status") in Item.NEEDS_NOTE and not data.get("note", "").strip():
            self.add_error("note", _("Say why the item is not implemented or rejected."))
        return data


class DeadlineForm(forms.Form):
    deadline = forms.DateField(
        label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(
        label=_("Reason (public)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
