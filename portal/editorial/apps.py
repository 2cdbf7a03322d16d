from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "portal.editorial"
    label = "editorial"
    verbose_name = _("发布审核")

    def ready(self) -> None:
        # Signal receivers: deadlines follow workflow tasks and the working-day calendar.
        from portal.core import workdays  # noqa: F401

        from . import deadlines  # noqa: F401
