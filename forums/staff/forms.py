"""Forms of the organisers' screens; texts in Kazakh and Russian (English optional)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import NGO, ActivityArea, Region, StateBody

from ..models import Event, Forum, Registration, Section

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ForumForm(forms.ModelForm):
    partner_ngos = forms.ModelMultipleChoiceField(
        queryset=NGO.objects.none(),
        required=False,
        label=_("NGO partners"),
        help_text=_("BINs of the partner NGOs, one per line."),
        widget=TEXTAREA,
    )

    class Meta:
        model = Forum
        fields = [
            "number",
            "title_kk",
            "title_ru",
            "title_en",
            "theme_kk",
            "theme_ru",
            "theme_en",
            "description_kk",
            "description_ru",
            "description_en",
            "starts_on",
            "ends_on",
            "month_only",
            "city_kk",
            "city_ru",
            "city_en",
            "venue_kk",
            "venue_ru",
            "venue_en",
            "organiser_bodies",
            "status",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "description_kk": TEXTAREA,
            "description_ru": TEXTAREA,
            "description_en": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title_kk", "title_ru", "city_kk", "city_ru"):
            self.fields[name].required = True
        if self.instance.pk:
            self.initial["partner_ngos"] = "\n".join(
                self.instance.partner_ngos.values_list("bin", flat=True)
            )

    def clean_partner_ngos(self):
        raw = self.data.get(self.add_prefix("partner_ngos"), "")
        bins = [line.strip() for line in raw.replace(",", "\n").splitlines() if line.strip()]
        found = list(NGO.objects.filter(bin__in=bins))
        missing = sorted(set(bins) - {ngo.bin for ngo in found})
        if missing:
            raise forms.ValidationError(
                _("No NGO with the BIN %(bins)s in the register.") % {"bins": ", ".join(missing)}
            )
        return found

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        return data

    def save(self, commit=True):
        forum = super().save(commit)
        forum.partner_ngos.set(self.cleaned_data["partner_ngos"])
        return forum


class EventForm(forms.ModelForm):
    region = forms.ModelChoiceField(
        queryset=Region.objects.current().top_level(),
        to_field_name="kato",
        required=False,
        label=_("Region"),
    )
    ministry = forms.ModelChoiceField(
        queryset=StateBody.objects.filter(level=StateBody.Level.REPUBLICAN),
        to_field_name="code",
        required=False,
        label=_("Ministry"),
    )

    class Meta:
        model = Event
        fields = [
            "code",
            "kind",
            "title_kk",
            "title_ru",
            "title_en",
            "description_kk",
            "description_ru",
            "description_en",
            "region",
            "ministry",
            "starts_at",
            "ends_at",
            "city_kk",
            "city_ru",
            "city_en",
            "venue_kk",
            "venue_ru",
            "venue_en",
            "capacity",
            "status",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description_kk": TEXTAREA,
            "description_ru": TEXTAREA,
            "description_en": TEXTAREA,
        }

    def __init__(self, *args, forum=None, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        for name in ("title_kk", "title_ru", "city_kk", "city_ru"):
            self.fields[name].required = True
        if regions is not None:
            self.fields["region"].queryset = self.fields["region"].queryset.filter(pk__in=regions)
        if self.instance.pk:
            del self.fields["capacity"]  # changed through its own form: the waiting list moves

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Event.Kind.REGIONAL and not data.get("region"):
            self.add_error("region", _("A regional forum needs its region."))
        if kind == Event.Kind.SECTORAL and not data.get("ministry"):
            self.add_error("ministry", _("A sectoral meeting needs its ministry."))
        if kind == Event.Kind.PLENARY and self.forum is None and not self.instance.forum_id:
            self.add_error("kind", _("A plenary belongs to a forum."))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The end cannot be before the start."))
        return data

    def save(self, commit=True):
        event = super().save(commit=False)
        if self.forum is not None:
            event.forum = self.forum
        if commit:
            event.save()
        return event


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = [
            "position",
            "title_kk",
            "title_ru",
            "title_en",
            "moderators",
            "topics",
            "room",
            "capacity",
        ]
        widgets = {"moderators": TEXTAREA, "topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_kk"].required = True
        self.fields["title_ru"].required = True
        self.fields["topics"].queryset = ActivityArea.objects.all()


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        min_value=0, required=False, label=_("Capacity"), help_text=_("Empty for no limit.")
    )


class QuotaForm(forms.Form):
    region = forms.ModelChoiceField(
        queryset=Region.objects.current().top_level(), to_field_name="kato", label=_("Region")
    )
    seats = forms.IntegerField(
        min_value=0, required=False, label=_("Seats"), help_text=_("Empty removes the quota.")
    )


class QuestionForm(forms.Form):
    text_kk = forms.CharField(max_length=500, label=_("Question in Kazakh"))
    text_ru = forms.CharField(max_length=500, label=_("Question in Russian"))
    text_en = forms.CharField(max_length=500, required=False, label=_("Question in English"))
    required = forms.BooleanField(required=False, label=_("An answer is required"))


class ProposalForm(forms.Form):
    title_kk = forms.CharField(max_length=500, required=False, label=_("Wording in Kazakh"))
    title_ru = forms.CharField(max_length=500, required=False, label=_("Wording in Russian"))
    title_en = forms.CharField(max_length=500, required=False, label=_("Wording in English"))
    section = forms.ModelChoiceField(queryset=None, required=False, label=_("Section"))
    ngo = forms.ModelChoiceField(
        queryset=NGO.objects.all(),
        to_field_name="bin",
        required=False,
        label=_("Proposed by (BIN of the NGO)"),
        widget=forms.TextInput,
    )
    responsible_body = forms.ModelChoiceField(
        queryset=StateBody.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Addressed to"),
    )
    topic = forms.ModelChoiceField(
        queryset=ActivityArea.objects.all(), to_field_name="code", required=False, label=_("Topic")
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = event.sections.all()

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{language}") for language in ("kk", "ru", "en")):
            raise forms.ValidationError(_("Give the wording in at least one language."))
        return data

    def titles(self) -> dict:
        return {
            language: self.cleaned_data[f"title_{language}"]
            for language in ("kk", "ru", "en")
            if self.cleaned_data.get(f"title_{language}")
        }


class AdoptForm(forms.Form):
    responsible_body = forms.ModelChoiceField(
        queryset=StateBody.objects.all(), to_field_name="code", label=_("Responsible state body")
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))


class MeasureForm(forms.Form):
    title = forms.CharField(max_length=500, label=_("Measure"))
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    responsible_body = forms.ModelChoiceField(
        queryset=StateBody.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Responsible state body"),
        help_text=_("Empty: the body responsible for the recommendation."),
    )


class RegistrationStatusFilter(forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("All"))] + list(Registration.Status.choices), required=False
    )
