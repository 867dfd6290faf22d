"""The public registration form: who takes part as what, the section, the event's questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import NGO, Region

from .models import Registration


class RegistrationForm(forms.Form):
    kind = forms.ChoiceField(label=_("I take part as"))
    ngo = forms.ModelChoiceField(
        queryset=NGO.objects.none(),
        to_field_name="bin",
        required=False,
        label=_("NGO I represent"),
        empty_label=None,
    )
    state_body = forms.ModelChoiceField(
        queryset=None, required=False, label=_("State body I work for"), empty_label=None
    )
    affiliation = forms.CharField(required=False, max_length=300, label=_("Organisation (experts)"))
    region = forms.ModelChoiceField(
        queryset=Region.objects.current().top_level(),
        to_field_name="kato",
        required=False,
        label=_("Region I come from (experts)"),
    )
    full_name = forms.CharField(max_length=200, label=_("Full name on the badge"))
    section = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Section"), empty_label=_("No particular section")
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organisers process my personal data to register me, print my "
            "badge and record my attendance."
        )
    )

    def __init__(self, *args, event, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        ngos = NGO.objects.represented_by(user).order_by("name_kk")
        bodies = user.state_bodies.all()
        kinds = []
        if ngos.exists():
            kinds.append(Registration.Kind.NGO)
        if bodies.exists():
            kinds.append(Registration.Kind.OFFICIAL)
        kinds.append(Registration.Kind.EXPERT)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        self.fields["kind"].initial = kinds[0].value
        self.fields["ngo"].queryset = ngos
        self.fields["state_body"].queryset = bodies
        self.fields["full_name"].initial = user.get_full_name()
        sections = event.sections.all()
        self.fields["section"].queryset = sections
        if not sections:
            del self.fields["section"]
        if not ngos.exists():
            del self.fields["ngo"]
        if not bodies.exists():
            del self.fields["state_body"]
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[f"q{question.position}"] = forms.CharField(
                label=question.text,
                required=question.required,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields(["kind", "ngo", "state_body", "affiliation", "region", "full_name"])

    def answers(self) -> dict:
        return {
            str(q.position): self.cleaned_data.get(f"q{q.position}", "") for q in self.questions
        }
