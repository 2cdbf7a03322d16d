"""The demo's own seeding steps; importing this package registers them (see ``registry``).

The other apps' steps live in their ``demo`` modules: pages (site, columns, articles, English
site) and disclosure (directories, policy documents).
"""

from . import accounts, orgs, people, workflows  # noqa: F401
