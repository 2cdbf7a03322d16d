from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "portal.disclosure"
    label = "disclosure"
    verbose_name = _("政务公开")

    def ready(self) -> None:
        # Receivers: the generated directories are purged from the caches when their records change;
        # tasks: the periodic lifecycle of normative documents.
        # the on-request state machine and its clocks register themselves on import.
        from . import annual_views, platform_signals, request_clock, request_states, signals, tasks  # noqa: F401
