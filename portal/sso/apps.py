from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SSOConfig(AppConfig):
    """一号登录: the portal as the OpenID Connect provider of the district's other sites."""

    name = "portal.sso"
    label = "sso"
    verbose_name = _("一号登录")

    def ready(self) -> None:
        from . import checks, tasks  # noqa: F401
