from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpretationConfig(AppConfig):
    """政策解读: interpretations of policy documents, packages (套餐型解读), the rate and calendar."""

    name = "portal.interpretation"
    label = "interpretation"
    verbose_name = _("政策解读")

    def ready(self) -> None:
        from . import signals, tasks  # noqa: F401
