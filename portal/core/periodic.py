"""Periodic jobs: tasks that the worker enqueues on a fixed interval.

Apps register their recurring tasks here (``register(task, every=timedelta(...))``); the
``portal_worker`` command runs the scheduler beside the django-tasks database worker.

Time is cut into slots of ``every`` (aligned on the epoch, so every scheduler agrees). A job is
enqueued for a slot only by the scheduler that inserts the slot's :class:`ScheduledRun` row; the
row's unique constraint makes any other scheduler (another machine, or this one restarted)
skip it. Restarts therefore never re-fire a job, and several schedulers never double-run one.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

KEEP_RUNS = timedelta(days=7)


@dataclass
class PeriodicJob:
    task: object  # a django_tasks Task
    every: timedelta

    @property
    def name(self) -> str:
        return self.task.module_path

    def slot(self, now: datetime) -> datetime:
        """The start of the interval ``now`` falls in."""
        seconds = int(self.every.total_seconds())
        stamp = int(now.timestamp()) // seconds * seconds
        return datetime.fromtimestamp(stamp, tz=UTC)


_jobs: dict[str, PeriodicJob] = {}


def register(task, every: timedelta) -> None:
    if every.total_seconds() < 1:
        raise ValueError("a periodic job needs an interval of at least one second")
    job = PeriodicJob(task=task, every=every)
    _jobs[job.name] = job


def jobs() -> list[PeriodicJob]:
    return list(_jobs.values())


def scheduler_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose current slot has not been taken yet; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in _jobs.values():
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, due_at=job.slot(now), scheduler=scheduler_name())
                job.task.enqueue()
        except IntegrityError:
            continue  # this slot was taken by another scheduler, or before a restart
        enqueued.append(job.name)
    if enqueued:
        ScheduledRun.objects.filter(due_at__lt=now - KEEP_RUNS).delete()
    return enqueued
