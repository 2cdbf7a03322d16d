from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("基础数据")

    def ready(self) -> None:
        # Receivers (groups follow organisations; deadlines follow the calendar; caches are purged
        # on publish) and tasks.
        from . import deadlines, purge, signals, tasks  # noqa: F401

        signals.connect_tree_signals()
