from django import forms
from django.utils.translation import gettext_lazy as _

from registry.forms import check_upload


class ContestForm(forms.Form):
    """An NGO's counter-evidence: what it saw, with a link or a document (PDF, JPEG, PNG)."""

    ngo = forms.ChoiceField(label=_("On behalf of"))
    text = forms.CharField(
        label=_("What does your evidence show?"), widget=forms.Textarea(attrs={"rows": 5})
    )
    link = forms.URLField(label=_("Link to the evidence"), required=False, max_length=500)
    document = forms.FileField(
        label=_("Document"), required=False, help_text=_("PDF, JPEG or PNG.")
    )

    def __init__(self, *args, ngos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.ngos = {ngo.bin: ngo for ngo in ngos}
        self.fields["ngo"].choices = [(ngo.bin, ngo.name) for ngo in ngos]

    def clean_document(self):
        document = self.cleaned_data.get("document")
        return check_upload(document) if document else None

    def clean(self):
        data = super().clean()
        if not data.get("link") and not data.get("document") and not self.has_error("document"):
            raise forms.ValidationError(_("Give a link or attach a document as evidence."))
        data["ngo"] = self.ngos.get(data.get("ngo"))
        return data
