"""System checks of the public accounts' configuration."""

from django.conf import settings
from django.core.checks import Info, Warning, register

CONSOLE = "portal.accounts.senders.ConsoleSender"


@register()
def code_senders(app_configs, **kwargs):
    """Outside development, verification codes must reach people."""
    if settings.DEBUG or getattr(settings, "PORTAL_DEMO_ALLOWED", False):
        return []
    senders = getattr(settings, "PORTAL_CODE_SENDERS", {}) or {}
    out = []
    if senders.get("email", CONSOLE) == CONSOLE:
        out.append(
            Warning(
                "E-mail verification codes go to the console only: nobody receives them.",
                hint="Set PORTAL_EMAIL_CODE_SENDER=portal.accounts.senders.MailSender (docs/accounts.md).",
                id="accounts.W001",
            )
        )
    if senders.get("phone", CONSOLE) == CONSOLE:
        # A district without an SMS gateway yet: registration by e-mail works, by mobile number not.
        out.append(
            Info(
                "SMS verification codes go to the console only until an SMS gateway is configured.",
                hint="Set PORTAL_SMS_BACKEND to the gateway class (docs/accounts.md).",
                id="accounts.I001",
            )
        )
    return out
