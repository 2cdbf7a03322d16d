"""Run the task worker together with the periodic-job scheduler."""

import subprocess
import sys
import time

from django.core.management.base import BaseCommand
from django.utils.module_loading import autodiscover_modules

from portal.core import periodic


class Command(BaseCommand):
    help = "运行后台任务处理进程（django-tasks db_worker）及定时任务调度。"

    def add_arguments(self, parser):
        parser.add_argument("--no-scheduler", action="store_true", help="只处理任务，不调度定时任务。")
        parser.add_argument("--interval", type=float, default=10.0, help="调度检查间隔（秒）。")

    def handle(self, *args, no_scheduler=False, interval=10.0, **options):
        worker = subprocess.Popen([sys.executable, sys.argv[0], "db_worker"])
        autodiscover_modules("tasks")
        try:
            while worker.poll() is None:
                if not no_scheduler:
                    for name in periodic.enqueue_due():
                        self.stdout.write(f"enqueued {name}")
                time.sleep(interval)
        except KeyboardInterrupt:
            pass
        finally:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)
