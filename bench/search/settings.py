"""Benchmark settings: the test settings plus the baseline corpus app, on a scratch SQLite file."""

import os

os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/portal-search-bench.sqlite3")

from portal.settings.test import *  # noqa: E402, F403
from portal.settings.test import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "bench.search.benchapp"]
