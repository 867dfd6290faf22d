from django import forms
from django.contrib.auth.forms import UserCreationForm as BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import User, normalise_email


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class SignupForm(UserCreationForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)

    class Meta:
        model = User
        fields = ("email", "full_name")

    def _get_validation_exclusions(self):
        """A taken address is no error here: saying so would tell anyone who has an account."""
        return super()._get_validation_exclusions() | {"email"}
