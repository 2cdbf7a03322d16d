from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("基础数据")

    def ready(self) -> None:
        # Receivers (groups follow organisations; deadlines follow the calendar; caches are purged
        # on publish; the default site follows PORTAL_BASE_URL) and tasks.
        from django.db.models.signals import post_migrate

        from . import deadlines, i18n, purge, signals, site_url, tasks  # noqa: F401

        i18n.install()

        signals.connect_tree_signals()
        post_migrate.connect(site_url.sync_after_migrate, sender=self)
