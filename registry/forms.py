import re

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .bin import compact
from .models import NGO, AnnualReport, Document, Region


def format_phone(value: str) -> str:
    """A Kazakhstan number as +7 701 123 45 67, from the ways people type it.

    Accepts +7, 8 or 7 before the 10 digits, or the 10 digits alone, with any spaces, dashes,
    dots or brackets: "8 (701) 123-45-67", "+77011234567", "701 123 4567".
    """
    compact = re.sub(r"[\s\-.()\u00a0]", "", value)
    match = re.fullmatch(r"(?:\+7|8|7)?(\d{10})", compact)
    if not match:
        raise forms.ValidationError(
            _("Enter the phone number as +7 and 10 digits, for example +7 701 123 45 67."),
            code="phone",
        )
    d = match.group(1)
    return f"+7 {d[:3]} {d[3:6]} {d[6:8]} {d[8:]}"


class NGOProfileForm(forms.ModelForm):
    class Meta:
        model = NGO
        fields = [*NGO.PROFILE_FIELDS[:8], "activity_areas", *NGO.PROFILE_FIELDS[8:]]
        labels = {
            "name_kk": _("Name in Kazakh"),
            "name_ru": _("Name in Russian"),
            "name_en": _("Name in English"),
            "description_kk": _("Description in Kazakh"),
            "description_ru": _("Description in Russian"),
            "description_en": _("Description in English"),
        }
        widgets = {
            "registered_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "activity_areas": forms.CheckboxSelectMultiple,
            "description_kk": forms.Textarea(attrs={"rows": 3}),
            "description_ru": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }
        help_texts = {"phone": _("For example +7 701 123 45 67.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.current()
        self.fields["name_kk"].required = False
        self.fields["name_ru"].required = False

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return format_phone(phone) if phone else ""

    def clean(self):
        data = super().clean()
        if self.instance.is_public and not data.get("name_kk"):
            self.add_error("name_kk", _("A verified organisation needs its name in Kazakh."))
        elif not (data.get("name_kk") or data.get("name_ru")):
            self.add_error("name_kk", _("Give the name in Kazakh or Russian."))
        return data


class NewNGOForm(NGOProfileForm):
    bin = forms.CharField(
        label=_("BIN"),
        max_length=20,
        help_text=_("12 digits, as in the state registration certificate."),
    )

    class Meta(NGOProfileForm.Meta):
        fields = ["bin", *NGOProfileForm.Meta.fields]

    def clean_bin(self):
        return compact(self.cleaned_data["bin"])


class ClaimForm(forms.Form):
    bin = forms.CharField(label=_("BIN"), max_length=20)
    position = forms.CharField(label=_("Your position in the organisation"), max_length=200)

    def clean_bin(self):
        from .bin import validate_bin

        value = compact(self.cleaned_data["bin"])
        validate_bin(value)
        return value


class AnnualReportForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = AnnualReport.FIGURE_FIELDS
        widgets = {f: forms.NumberInput(attrs={"min": 0, "step": 1}) for f in fields}


class NewAnnualReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1991)


# Accepted document types: extension -> (content type, the file's first bytes).
DOCUMENT_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["kind", "file"]
        help_texts = {"file": _("PDF, JPEG or PNG.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose the document type")), *Document.Kind.choices]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        name = upload.name.lower()
        kind = next((v for ext, v in DOCUMENT_TYPES.items() if name.endswith(ext)), None)
        head = upload.read(16)
        upload.seek(0)
        if kind is None or not head.startswith(kind[1]):
            raise forms.ValidationError(
                _("Only PDF, JPEG and PNG files are accepted; this file is not one of them.")
            )
        return upload
