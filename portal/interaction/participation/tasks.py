"""When a survey or consultation opens or closes, or an interview starts or ends, its pages change
by the clock alone: every few minutes, save those whose moment has just passed, so that their
pages are purged and the search index follows (results and archives become searchable)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from portal.core import periodic

from .models import Consultation, Interview, Survey

EVERY = timedelta(minutes=10)
WINDOW = 2 * EVERY  # overlaps, so a late run misses nothing; a second save is harmless


def turned(now=None) -> list:
    now = now or timezone.now()
    since = now - WINDOW
    found = []
    for model, start, end in (
        (Survey, "opens_at", "closes_at"),
        (Consultation, "opens_at", "closes_at"),
        (Interview, "starts_at", "ends_at"),
    ):
        moment = Q(**{f"{start}__gt": since, f"{start}__lte": now}) | Q(
            **{f"{end}__gt": since, f"{end}__lte": now}
        )
        found += list(model.objects.filter(moment, live=True))
    return found


@task()
def follow_the_clock() -> int:
    objects = turned()
    for obj in objects:
        obj.save(update_fields=["live"])  # post_save: purge and reindex
    return len(objects)


periodic.register(follow_the_clock, every=EVERY)
