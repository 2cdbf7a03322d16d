"""Background work of interpretation: the daily reminders of the rate and the calendar."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from portal.core import periodic
from portal.core.notify import register_kind

register_kind("interpretation.overdue", _("解读专题逾期"))
register_kind("interpretation.missing", _("政策文件待解读"))


@task()
def interpretation_reminders() -> dict:
    """Overdue packages and documents past the interpretation deadline: remind their owners."""
    from . import services

    return services.remind()


periodic.register(interpretation_reminders, every=timedelta(hours=6))
