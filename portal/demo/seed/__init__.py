"""The demo's own seeding steps, registered when ``portal/demo/demo.py`` imports them.

The other apps' steps live in their ``demo`` modules: pages (site, columns, articles, English
site) and disclosure (directories, policy documents).
"""
