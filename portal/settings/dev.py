"""Local development: the embedded defaults, debug on, only local hosts."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
