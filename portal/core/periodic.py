"""Periodic jobs: tasks that the worker enqueues on a fixed interval.

Apps register their recurring tasks here (``register(task, every=timedelta(...))``); the
``portal_worker`` command runs the scheduler beside the django-tasks database worker, so no
job depends on someone remembering to run it by hand. Run exactly one scheduler per site
(``portal_worker --no-scheduler`` on the other worker machines).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone


@dataclass
class PeriodicJob:
    task: object  # a django_tasks Task
    every: timedelta
    next_run: datetime | None = None

    @property
    def name(self) -> str:
        return self.task.module_path


_jobs: dict[str, PeriodicJob] = {}


def register(task, every: timedelta) -> None:
    job = PeriodicJob(task=task, every=every)
    _jobs[job.name] = job


def jobs() -> list[PeriodicJob]:
    return list(_jobs.values())


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose time has come; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in _jobs.values():
        if job.next_run is None or job.next_run <= now:
            job.task.enqueue()
            job.next_run = now + job.every
            enqueued.append(job.name)
    return enqueued
