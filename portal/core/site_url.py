"""The site's one canonical address (``PORTAL_BASE_URL``) and absolute URLs built from it.

Feeds, sitemaps, robots.txt, notifications and API responses link to this address, never to the
``Host`` a request happened to arrive with (``localhost`` behind a proxy, an IP, a mirror). The
default Wagtail site is kept on the same address, so ``page.full_url`` agrees with it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


def base_url() -> str:
    """``PORTAL_BASE_URL`` without a trailing slash, e.g. ``https://www.shifan.gov.cn``."""
    return settings.PORTAL_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    """The absolute URL of a site path (``/sitemap.xml`` → ``https://…/sitemap.xml``)."""
    if urlsplit(path).scheme:
        return path
    return base_url() + "/" + path.lstrip("/")


def _host_and_port() -> tuple[str, int]:
    parts = urlsplit(base_url())
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site() -> bool:
    """Put the default Wagtail site on the canonical address; True when it changed."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = _host_and_port()
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True


def sync_after_migrate(sender, **kwargs) -> None:
    sync_default_site()


@checks.register(checks.Tags.urls)
def check_base_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    parts = urlsplit(settings.PORTAL_BASE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
        return [
            checks.Error(
                "PORTAL_BASE_URL must be a scheme and host only, e.g. https://www.example.gov.cn",
                id="portal.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_base_url_https(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if urlsplit(settings.PORTAL_BASE_URL).scheme != "https":
        return [checks.Warning("PORTAL_BASE_URL should use https in production.", id="portal.W001")]
    return []
