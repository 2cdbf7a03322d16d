from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProactiveConfig(AppConfig):
    """反向办 / 服务找人: departments' datasets, benefits and their rules, matching (应享未享)."""

    name = "portal.proactive"
    label = "proactive"
    verbose_name = _("服务找人")

    def ready(self) -> None:
        from . import tasks  # noqa: F401 — periodic purge
