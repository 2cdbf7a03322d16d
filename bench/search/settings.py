"""Benchmark settings: the test settings plus the baseline corpus app, on a scratch SQLite file."""

import os

os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/portal-search-bench.sqlite3")

from portal.settings.test import *  # noqa: E402, F403
from portal.settings.test import DATABASES, INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "bench.search.benchapp"]

# What a large SQLite install should also set (portal/settings): memory-mapped reads and a bigger
# page cache, so that ranking and snippets read rows without a system call each.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"]["init_command"] += (
        " PRAGMA mmap_size=1073741824; PRAGMA cache_size=-131072;"
    )
