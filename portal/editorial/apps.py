from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "portal.editorial"
    label = "editorial"
    verbose_name = _("发布审核")

    def ready(self) -> None:
        # Workflow signal receivers, the review clock, the periodic tick.
        from . import clocks, signals, tasks  # noqa: F401
