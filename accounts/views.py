import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.auth.views import redirect_to_login
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import roles
from .forms import SignupForm
from .models import User

logger = logging.getLogger(__name__)


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens for confirming an address only: a password-reset token is no good here, and back."""

    key_salt = "accounts.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.email}{user.email_verified}{user.password}{timestamp}"

    def check_token(self, user, token) -> bool:
        """Signed here for this user as they are now, and younger than the verification timeout."""
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except (AttributeError, ValueError):
            return False
        signed = any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        age = self._num_seconds(self._now()) - timestamp
        return user is not None and signed and 0 <= age <= settings.EMAIL_VERIFICATION_TIMEOUT


email_verification_token = EmailVerificationTokenGenerator()


def send_verification_email(request, user: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    link = request.build_absolute_uri(reverse("accounts:verify", args=[uid, token]))
    body = render_to_string("accounts/verify_email.txt", {"user": user, "link": link})
    try:
        send_mail(_("Confirm your email address"), body, None, [user.email])
    except OSError:
        # The account exists either way; the person can ask for the link again.
        logger.exception("confirmation email to user %s not sent", user.pk)


def send_account_exists_email(request, user: User) -> None:
    """Someone signed up with an address that has an account: its owner hears, nobody else."""
    links = {
        "login_link": request.build_absolute_uri(reverse("accounts:login")),
        "reset_link": request.build_absolute_uri(reverse("accounts:password_reset")),
    }
    body = render_to_string("accounts/account_exists_email.txt", {"user": user, **links})
    try:
        send_mail(_("You already have an account"), body, None, [user.email])
    except OSError:
        logger.exception("account-exists email to user %s not sent", user.pk)


@require_http_methods(["GET", "POST"])
def signup(request):
    """The same answer whether or not the address has an account, so sign-up reveals none.

    A new address gets an account and a confirmation link; a known one gets a message to its
    owner instead. Nobody is logged in here: the person confirms the address, then logs in.
    """
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        existing = User.objects.filter(email__iexact=email).first()
        if existing is None:
            try:
                with transaction.atomic():
                    user = form.save(commit=False)
                    user.is_active = True
                    user.save()
                    user.groups.add(*_groups(roles.NGO_REPRESENTATIVE))
            except IntegrityError:  # the same address signed up a moment ago
                existing = User.objects.get(email__iexact=email)
            else:
                transaction.on_commit(lambda: send_verification_email(request, user))
        if existing is not None:
            make_password(form.cleaned_data["password1"])  # as long as creating an account takes
            # An owner who never confirmed gets the link again; a confirmed one hears of the try.
            notify = (
                send_account_exists_email if existing.email_verified else send_verification_email
            )
            transaction.on_commit(lambda: notify(request, existing))
        return render(request, "accounts/signup_done.html", {"email": email})
    return render(request, "accounts/signup.html", {"form": form})


def _groups(*names):
    from django.contrib.auth.models import Group

    return [Group.objects.get_or_create(name=name)[0] for name in names]


@login_required
@require_POST
def resend_verification(request):
    if not request.user.email_verified:
        send_verification_email(request, request.user)
        messages.success(
            request,
            _("A new confirmation link has been sent to %(email)s.")
            % {"email": request.user.email},
        )
    return redirect("registry:my_ngos")


def verify_email(request, uidb64: str, token: str):
    try:
        user = User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (User.DoesNotExist, ValueError, UnicodeDecodeError):
        user = None
    if user is None or not email_verification_token.check_token(user, token):
        return render(request, "accounts/verify_failed.html", status=400)
    # The link confirms the address; it never logs anybody in.
    user.email_verified = True
    user.save(update_fields=["email_verified"])
    messages.success(request, _("Your email address is confirmed."))
    if request.user.is_authenticated:
        return redirect("registry:my_ngos")
    return redirect_to_login(reverse("registry:my_ngos"))
