from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    """互动交流: letters on statutory deadlines, their handling and supervision."""

    name = "portal.interaction"
    label = "interaction"
    verbose_name = _("互动交流")

    def ready(self) -> None:
        from . import clocks, signals, states, tasks  # noqa: F401
        from .participation import signals, tasks  # noqa: F401, F811 — surveys, consultations, interviews
