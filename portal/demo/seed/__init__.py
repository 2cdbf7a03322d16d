"""The steps of `manage.py seed_demo`, one module per part of the demo district."""
