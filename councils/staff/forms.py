from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import NGO

from ..models import Activity, Council, Membership, Response


class DateInput(forms.DateInput):
    input_type = "date"


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"), required=False, help_text=_("Private: never shown to the public.")
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("Private: never shown to the public."),
    )
    affiliation = forms.ChoiceField(label=_("Affiliation"), choices=Membership.Affiliation.choices)
    ngo = forms.CharField(
        label=_("BIN of the NGO"),
        max_length=12,
        required=False,
        help_text=_("For a civil-society member who represents an NGO."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial="member")
    term_start = forms.DateField(label=_("Term starts"), widget=DateInput)
    term_end = forms.DateField(
        label=_("Term ends"),
        widget=DateInput,
        help_text=_("The first day no longer in office."),
    )
    selection = forms.ChoiceField(
        label=_("How selected"),
        choices=[c for c in Council.Selection.choices if c[0] != Council.Selection.MIXED],
    )

    def clean_ngo(self):
        bin = self.cleaned_data["ngo"].strip()
        if not bin:
            return None
        ngo = NGO.objects.public().filter(bin=bin).first()
        if ngo is None:
            raise forms.ValidationError(_("No NGO in the register has this BIN."))
        return ngo


class EndTermForm(forms.Form):
    on = forms.DateField(label=_("Last day in office is the day before"), widget=DateInput)


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One item per line."),
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=500)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Link"), assume_scheme="https")


class DecisionForm(forms.Form):
    agenda_item = forms.TypedChoiceField(label=_("Agenda item"), coerce=int)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    votes_for = forms.IntegerField(label=_("For"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, initial=0)
    votes_abstained = forms.IntegerField(label=_("Abstained"), min_value=0, initial=0)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [
            (item.pk, str(item)) for item in meeting.agenda.order_by("position")
        ]


class ResponseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("The body's response"), choices=Response.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required unless the recommendation is accepted in full."),
    )
    deadline = forms.DateField(
        label=_("Implementation deadline"),
        widget=DateInput,
        required=False,
        help_text=_("Required unless the recommendation is rejected."),
    )


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Activity.Kind.choices)
    held_on = forms.DateField(label=_("Held on"), widget=DateInput)
    title = forms.CharField(label=_("Subject"), max_length=500)
    official = forms.CharField(
        label=_("Official who reported"),
        max_length=200,
        required=False,
        help_text=_("For a report heard: name and post."),
    )
    report_url = forms.URLField(label=_("Report"), required=False, assume_scheme="https")
