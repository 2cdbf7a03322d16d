"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

The public site's policy (``CONTENT_SECURITY_POLICY``) allows scripts, styles, images and frames
from the site itself only; its templates contain no inline script, so the policy needs no nonce
and a cached page stays valid. The Wagtail admin renders inline ``<script>`` blocks (inline
panels, date pickers) and inline styles, so on paths in ``PORTAL_CSP_ADMIN_PREFIXES`` the
directives in ``PORTAL_CSP_ADMIN_DIRECTIVES`` replace the public ones; everything else about the
policy — own origin only, no plugins, no framing by other sites — holds there too.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(tuple(settings.PORTAL_CSP_ADMIN_PREFIXES)):
            parts.replace = {**settings.PORTAL_CSP_ADMIN_DIRECTIVES, **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` from ``PORTAL_PERMISSIONS_POLICY`` (feature → allow-list; ``[]`` is
    ``()``, switched off for the page and every frame in it)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PORTAL_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
