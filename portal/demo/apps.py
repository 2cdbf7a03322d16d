from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "portal.demo"
    label = "demo"
    verbose_name = _("示范区演示数据")
