"""The one table of the provider that django-oauth-toolkit lacks: each person's subject identifier."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.Model):
    """The ``sub`` the relying parties know a person by: random, stable, never the database id.

    Created the first time the person signs in to a relying party; kept when the account's
    username, e-mail or phone changes, so a relying party's link to its own records holds.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oidc_subject",
        verbose_name=_("用户"),
    )
    sub = models.UUIDField(_("用户标识"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("一号登录用户标识")
        verbose_name_plural = _("一号登录用户标识")

    def __str__(self) -> str:
        return str(self.sub)

    @classmethod
    def of(cls, user) -> str:
        subject, _created = cls.objects.get_or_create(user=user)
        return str(subject.sub)
