"""Where verification codes and account messages go: pluggable senders.

``settings.PORTAL_CODE_SENDERS`` names one sender class for e-mail addresses and one for mobile
numbers (dotted paths). A sender has one method, :meth:`CodeSender.send`, given the recipient, a
subject and the text. Shipped:

- :class:`ConsoleSender` — prints the message and keeps it in :data:`outbox` (the default: a fresh
  install sends nothing anywhere; tests read the codes from ``outbox``);
- :class:`MailSender` — Django's ``send_mail`` through ``EMAIL_BACKEND`` (SMTP in production);
- :class:`SmsSender` — the interface of an SMS gateway: it hands the text to the backend class named
  in ``settings.PORTAL_SMS_BACKEND``, which implements ``send_sms(phone, text)``. A district plugs in
  its operator's or its platform's gateway there; without one it refuses loudly.

The text of a message never reaches the logs: codes are secrets and recipients personal data.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.utils.module_loading import import_string

__all__ = ["CodeSender", "ConsoleSender", "MailSender", "Message", "SmsSender", "outbox", "sender_for"]


@dataclass(frozen=True)
class Message:
    kind: str  # "email" or "phone"
    recipient: str
    subject: str
    body: str


#: What :class:`ConsoleSender` sent in this process (newest last).
outbox: list[Message] = []


class CodeSender:
    """Base class: deliver ``body`` to ``recipient``."""

    kind = "email"

    def send(self, recipient: str, subject: str, body: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleSender(CodeSender):
    def send(self, recipient: str, subject: str, body: str) -> None:
        outbox.append(Message(self.kind, recipient, subject, body))
        if settings.DEBUG or "runserver" in sys.argv:
            sys.stdout.write(f"--- {self.kind} to {recipient}: {subject}\n{body}\n---\n")


class MailSender(CodeSender):
    def send(self, recipient: str, subject: str, body: str) -> None:
        send_mail(subject, body, None, [recipient])


class SmsSender(CodeSender):
    """Hands the text to ``settings.PORTAL_SMS_BACKEND`` (a class with ``send_sms(phone, text)``)."""

    def backend(self):
        path = getattr(settings, "PORTAL_SMS_BACKEND", "")
        if not path:
            raise ImproperlyConfigured("PORTAL_SMS_BACKEND names no SMS gateway class.")
        return import_string(path)()

    def send(self, recipient: str, subject: str, body: str) -> None:
        self.backend().send_sms(recipient, body)


def sender_for(kind: str) -> CodeSender:
    """The configured sender for ``"email"`` or ``"phone"``."""
    senders = getattr(settings, "PORTAL_CODE_SENDERS", {}) or {}
    sender = import_string(senders.get(kind) or "portal.accounts.senders.ConsoleSender")()
    sender.kind = kind
    return sender


def send(kind: str, recipient: str, subject: str, body: str) -> None:
    sender_for(kind).send(recipient, subject, body)
