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

    def validate_unique(self):
        """A BIN already held is no form error: services.create_ngo turns it into a claim."""
        try:
            self.instance.validate_unique(exclude=self._get_validation_exclusions() | {"bin"})
        except forms.ValidationError as exc:
            self._update_errors(exc)


class ClaimForm(forms.Form):
    bin = forms.CharField(label=_("BIN"), max_length=20)
    position = forms.CharField(label=_("Your position in the organisation"), max_length=200)

    def clean_bin(self):
        from .bin import validate_bin

        value = compact(self.cleaned_data["bin"])
        validate_bin(value)
        return value


GROUP_SEPARATORS = " \u00a0\u202f\u2009'"  # spaces (plain, no-break, narrow, thin) and '
WHOLE = re.compile(r"^\d+$", re.ASCII)
WITH_FRACTION = re.compile(r"^(\d+)[,.](\d{1,2})$", re.ASCII)


class WholeNumberField(forms.IntegerField):
    """A figure typed as people write it in kk/ru: `250 000`, `250 000,00` or `250000`.

    Figures are whole tenge (and whole people). A comma or point before tiyn is read as the
    decimal mark, never dropped: `250000,50` is refused with a message, not stored as 25000050.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Write the figure in digits, for example 250 000."),
        "fraction": _(
            "Figures are in whole tenge: write %(whole)s without the tiyn (,%(fraction)s)."
        ),
        "negative": _("A figure cannot be negative."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        for separator in GROUP_SEPARATORS:
            text = text.replace(separator, "")
        if text.startswith(("-", "−")):
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        if WHOLE.match(text):
            return int(text)
        fraction = WITH_FRACTION.match(text)
        if fraction and int(fraction[2]) == 0:
            return int(fraction[1])
        if fraction:
            raise forms.ValidationError(
                self.error_messages["fraction"],
                code="fraction",
                params={"whole": fraction[1], "fraction": fraction[2]},
            )
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def widget_attrs(self, widget):
        return {}  # no min/max/step: the browser would refuse "250 000" before we could read it


class AnnualReportForm(forms.ModelForm):
    """The annual information the law asks for: money in and out, people, founders, property."""

    class Meta:
        model = AnnualReport
        fields = AnnualReport.REPORT_FIELDS
        field_classes = dict.fromkeys(
            (*AnnualReport.FIGURE_FIELDS, "member_count", "property_value"), WholeNumberField
        )
        widgets = {
            "founders": forms.Textarea(attrs={"rows": 3}),
            "property_description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in AnnualReport.EXPENSE_FIELDS:
            self.fields[name].required = True  # how the money was spent is part of every report


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
        return check_upload(self.cleaned_data["file"])


def check_upload(upload):
    """Size, extension and content (magic bytes) checked before anything is stored."""
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
