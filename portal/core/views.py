"""Small site-wide views: robots.txt, display toggles and share QR codes."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .middleware import PREF_COOKIE, pref_flags, pref_value
from .site_url import absolute

#: preference → (flag, whether it is switched on)
TOGGLES = {
    "traditional": ("hant", True),
    "simplified": ("hant", False),
    "elderly": ("elderly", True),
    "standard": ("elderly", False),
    "accessible": ("a11y", True),
    "inaccessible": ("a11y", False),
}
QR_MAX_LENGTH = 500


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /display/",
        "Disallow: /search/",
        f"Sitemap: {absolute(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def toggle_display(request: HttpRequest, preference: str) -> HttpResponse:
    """Switch a display preference and go back to the page the reader was on (no JS needed)."""
    if preference not in TOGGLES:
        return HttpResponseBadRequest("未知的显示选项")
    target = request.GET.get("next", "/")
    if (
        not target.startswith("/")
        or len(target) > 2000
        or not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    flag, on = TOGGLES[preference]
    flags = set(pref_flags(request.COOKIES.get(PREF_COOKIE)))
    flags = flags | {flag} if on else flags - {flag}
    value = pref_value(flags)
    if value:
        response.set_cookie(
            PREF_COOKIE, value, max_age=settings.PORTAL_DISPLAY_COOKIE_AGE, samesite="Lax", httponly=True
        )
    else:
        response.delete_cookie(PREF_COOKIE, samesite="Lax")
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def qr_code(request: HttpRequest) -> HttpResponse:
    """An SVG QR code of a link, for reading a page on a phone."""
    data = request.GET.get("url", "")
    if not data or len(data) > QR_MAX_LENGTH:
        return HttpResponseBadRequest("缺少链接或链接过长")
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
