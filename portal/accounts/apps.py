from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("账号与安全")

    def ready(self) -> None:
        # Lockouts are audited; role groups are kept apart (三员分立); code senders are checked.
        from . import checks, lockout, roles  # noqa: F401
