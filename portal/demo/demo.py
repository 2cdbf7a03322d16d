"""The demo app's own seeding steps (organisations, leaders, accounts, workflows)."""

from .seed import accounts, orgs, people, workflows  # noqa: F401
