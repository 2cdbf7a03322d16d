from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "portal.pages"
    label = "pages"
    verbose_name = _("门户栏目与文章")

    def ready(self) -> None:
        from . import signals  # noqa: F401
