from datetime import timedelta

from django_tasks import task

from portal.core import periodic


@task()
def count_tick() -> None:
    from .models import TickCount

    TickCount.objects.create()


periodic.register(count_tick, every=timedelta(minutes=10))
