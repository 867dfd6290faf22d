from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import NGO, LegalForm, Region, scope_regions


class ScopedFilterForm(forms.Form):
    """Filters of the workspace lists; regions limited to the official's scope, by KATO code."""

    q = forms.CharField(label=_("Name or BIN"), required=False, max_length=200)
    region = forms.ModelChoiceField(
        Region.objects.none(), label=_("Region"), required=False, to_field_name="kato"
    )
    legal_form = forms.ModelChoiceField(
        LegalForm.objects.all(), label=_("Legal form"), required=False, to_field_name="code"
    )

    def __init__(self, data, user):
        super().__init__(data)
        regions = Region.objects.current()
        scope = scope_regions(user)
        if scope is not None:
            regions = regions.filter(pk__in=scope)
        self.fields["region"].queryset = regions
        self.fields["region"].empty_label = _("Any")
        self.fields["legal_form"].empty_label = _("Any")

    def filter(self, ngos, prefix: str = ""):
        """Narrow `ngos` (or records with an `ngo`, given prefix="ngo__") to what was asked."""
        if not self.is_valid():
            return ngos
        data = self.cleaned_data
        text = " ".join(data["q"].split())
        if text:
            ngos = ngos.filter(
                Q(**{f"{prefix}bin__startswith": text.replace(" ", "")})
                | Q(**{f"{prefix}name_kk__icontains": text})
                | Q(**{f"{prefix}name_ru__icontains": text})
                | Q(**{f"{prefix}name_en__icontains": text})
            )
        if data["region"]:
            ngos = ngos.filter(**{f"{prefix}region__in": data["region"].with_descendants()})
        if data["legal_form"]:
            ngos = ngos.filter(**{f"{prefix}legal_form": data["legal_form"]})
        return ngos

    @property
    def active_count(self) -> int:
        return sum(1 for v in (self.cleaned_data if self.is_valid() else {}).values() if v)


class NGOListFilterForm(ScopedFilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *NGO.Status.choices]
    )
    missed = forms.BooleanField(label=_("Missed the annual information"), required=False)


class DecisionForm(forms.Form):
    """Approve, or reject with a reason the other side will read."""

    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error(
                "reason", _("Give the reason for the rejection; the organisation will see it.")
            )
        return data

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"


class BulkForm(forms.Form):
    """The selection (BINs) is read by the view, which keeps only NGOs still waiting in scope."""

    action = forms.ChoiceField(choices=[("verify", _("Verify")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason for the rejection (each organisation will see it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not data.get("reason", "").strip():
            self.add_error(
                "reason", _("Give the reason for the rejection; the organisation will see it.")
            )
        return data
