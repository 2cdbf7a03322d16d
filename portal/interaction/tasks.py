"""Background work of the interaction hub: the daily supervision of unanswered letters.

Reminders and escalations of the reply clock are core's ``deadlines_tick``; this job flags
letters unanswered for 60 days and alerts the supervising office once every working day.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from portal.core import periodic
from portal.core.notify import register_kind

from . import services, statistics

register_kind("interaction.red_flag", _("来信红色预警"))


@task()
def supervise_letters() -> dict:
    result = services.supervise()
    return {"flagged": result.flagged, "alerted": result.alerted}


periodic.register(supervise_letters, every=timedelta(hours=1))


@task()
def rebuild_letter_figures() -> dict:
    """Recount the statistics from the letters (catches anything written around ``save()``)."""
    return {"rows": statistics.rebuild_figures()}


periodic.register(rebuild_letter_figures, every=timedelta(days=1))
