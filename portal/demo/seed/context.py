"""Shared state of one seeding run: the clock, the scale, counters and deterministic randomness."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

SEED = "shifan-demo-2026"


@dataclass
class SeedContext:
    scale: float = 1.0
    quiet: bool = False
    index: bool = True
    write: object = print
    now: datetime = field(default_factory=timezone.now)
    created: Counter = field(default_factory=Counter)
    orgs: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    titles: set = field(default_factory=set)
    columns: dict = field(default_factory=dict)
    homes: dict = field(default_factory=dict)  # language code → home page
    leaves: list = field(default_factory=list)  # (column, content kind, base count) to fill with items
    accounts: list = field(default_factory=list)  # (username, password, organisation, role) to print

    def rng(self, *key) -> random.Random:
        """A random generator that depends only on ``key`` (and the fixed seed)."""
        return random.Random(":".join([SEED, *map(str, key)]))

    def count(self, base: int) -> int:
        """``base`` items at this run's scale (at least one when ``base`` is positive)."""
        return max(1, round(base * self.scale)) if base > 0 else 0

    def log(self, message: str) -> None:
        if not self.quiet:
            self.write(message)

    def past(self, rng: random.Random, days: float) -> datetime:
        """A plausible office-hours time ``days`` before now, never in the future."""
        local = timezone.localtime(self.now)
        moment = (local - timedelta(days=days)).replace(
            hour=rng.randint(8, 18), minute=rng.randint(0, 59), second=0, microsecond=0
        )
        if moment > local:  # later today than now: make it the same hour yesterday
            moment -= timedelta(days=1)
        return moment

    def spread(
        self, rng: random.Random, index: int, total: int, span: int = 730, newest: float = 0.9
    ) -> datetime:
        """The ``index``-th newest of ``total`` items over ``span`` days, denser near today.

        The newest item is at most ``newest`` days old.
        """
        fraction = (index / max(total - 1, 1)) ** 1.5 if total > 1 else 0
        return self.past(rng, fraction * span + rng.uniform(0, newest))
