from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """办事服务: service guides, scenario services (一件事), the public service map and ratings."""

    name = "portal.services"
    label = "services"
    verbose_name = _("办事服务")

    def ready(self) -> None:
        from . import clocks, services  # noqa: F401
