"""The periodic scheduler: one run per job and slot, whoever and however often asks."""

import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection

from portal.core import periodic
from portal.core.models import ScheduledRun
from tests.core.caseapp import tasks
from tests.core.caseapp.models import TickCount

ROOT = Path(__file__).resolve().parents[2]
JOB = tasks.count_tick.module_path
T0 = datetime(2026, 12, 3, 8, 0, 1, tzinfo=UTC)


def test_a_restarted_scheduler_does_not_re_fire_a_job(db, monkeypatch):
    monkeypatch.setattr(periodic, "_jobs", {JOB: periodic._jobs[JOB]})
    assert periodic.enqueue_due(T0) == [JOB]
    # A restart keeps nothing in memory; the stored slot still says the job ran.
    assert periodic.enqueue_due(T0 + timedelta(minutes=3)) == []
    assert TickCount.objects.count() == 1
    assert periodic.enqueue_due(T0 + timedelta(minutes=10)) == [JOB]  # the next slot
    assert TickCount.objects.count() == 2
    assert ScheduledRun.objects.filter(job=JOB).count() == 2


def test_slots_are_aligned_so_every_scheduler_agrees():
    job = periodic._jobs[JOB]
    assert job.slot(T0) == job.slot(T0 + timedelta(minutes=9)) == datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    assert job.slot(T0 + timedelta(minutes=10)) != job.slot(T0)


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_run_a_job_once(monkeypatch):
    monkeypatch.setattr(periodic, "_jobs", {JOB: periodic._jobs[JOB]})
    results, barrier = [], threading.Barrier(2)

    def scheduler():
        barrier.wait()
        try:
            results.append(periodic.enqueue_due(T0))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(len(r) for r in results) == [0, 1]
    assert TickCount.objects.count() == 1


def test_the_worker_process_registers_every_app_job():
    code = (
        "import django; django.setup();"
        "from django.utils.module_loading import autodiscover_modules; autodiscover_modules('tasks');"
        "from portal.core import periodic; print(sorted(j.name for j in periodic.jobs()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "deadlines_tick" in out.stdout and "editorial_tick" in out.stdout, out.stderr
