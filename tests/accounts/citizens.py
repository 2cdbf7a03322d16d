"""Helpers of the public-account tests: the console sender's outbox and ready-made citizens."""

import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from portal.accounts import senders
from portal.accounts.models import CitizenProfile

PASSWORD = "Shifan-qu-2026"


def last_code(recipient: str | None = None) -> str:
    """The newest verification code the console sender sent (to ``recipient`` if given)."""
    for message in reversed(senders.outbox):
        if recipient is None or message.recipient == recipient:
            match = re.search(r"\b(\d{6})\b", message.body)
            if match:
                return match.group(1)
    raise AssertionError(f"no code sent to {recipient}: {senders.outbox}")


def citizen(email: str | None = "zhang@example.cn", phone: str | None = None, password: str = PASSWORD):
    """A verified citizen account (as if registered through the forms)."""
    import secrets

    user = get_user_model().objects.create_user(
        f"u{secrets.token_hex(6)}", email=email or "", password=password
    )
    if email:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    profile = CitizenProfile(user=user)
    if phone:
        profile.phone = phone
        profile.phone_verified = True
    profile.save()
    return user
