import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
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
        return f"{user.pk}{user.email}{user.email_verified}{timestamp}"


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


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save(commit=False)
            user.is_active = True
            user.save()
            user.groups.add(*_groups(roles.NGO_REPRESENTATIVE))
        transaction.on_commit(lambda: send_verification_email(request, user))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return render(request, "accounts/signup_done.html", {"email": user.email})
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
    return redirect("registry:my_ngos")
