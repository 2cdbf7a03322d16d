"""The provider's pages: the consent screen and the logout confirmation, in the public look.

Everything under ``/sso/`` and ``/.well-known/`` is personal or per request and never cached
(``portal.core.cache_rules``); these views say so themselves as well. The consent form posts to the
portal and is answered with a redirect to the client, so its ``form-action`` names that origin.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from oauth2_provider import views as dot_views
from oauth2_provider.exceptions import InvalidOIDCClientError
from oauth2_provider.models import get_application_model


def _origin(uri: str | None) -> str | None:
    parts = urlsplit(uri or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def _private(response, redirect_uri: str | None = None):
    patch_cache_control(response, private=True, no_store=True)
    origin = _origin(redirect_uri)
    if origin:
        response._csp_update = {"form-action": [origin]}
    return response


def _leaves_through_own_form(request, response) -> bool:
    """Whether this redirect to a client may be the last hop after one of the portal's own forms.

    Browsers hold every redirect after a form submission to the submitting page's ``form-action``
    (``'self'``): after the login form, a trusted client's redirect would be blocked. Such a request
    comes from the portal itself (``Sec-Fetch-Site: same-origin``); it gets a page that moves on by
    ``<meta http-equiv="refresh">`` (and a link) instead, which ``form-action`` does not govern.
    """
    own_origin = _origin(request.build_absolute_uri("/"))
    return (
        request.headers.get("Sec-Fetch-Site") == "same-origin" and _origin(response["Location"]) != own_origin
    )


class AuthorizationView(dot_views.AuthorizationView):
    """授权确认: which site asks, for what; trusted sites (skip_authorization) go straight back."""

    template_name = "sso/authorize.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 302 and _leaves_through_own_form(request, response):
            response = TemplateResponse(request, "sso/redirect.html", {"url": response["Location"]})
        return _private(response, request.GET.get("redirect_uri") if response.status_code == 200 else None)

    def post(self, request, *args, **kwargs):
        return _private(super().post(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["scope_list"] = list(zip(kwargs.get("scopes", []), kwargs.get("scopes_descriptions", [])))
        return context


class LogoutView(dot_views.RPInitiatedLogoutView):
    """退出登录 asked by a relying party (OpenID Connect RP-Initiated Logout)."""

    template_name = "sso/logout.html"

    def get_request_application(self, id_token, client_id):
        if client_id:
            application = get_application_model().objects.filter(client_id=client_id).first()
            if application is None:
                raise InvalidOIDCClientError()
            return application
        return super().get_request_application(id_token, client_id)

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        return _private(
            response,
            request.GET.get("post_logout_redirect_uri") or request.POST.get("post_logout_redirect_uri"),
        )


class ConnectDiscoveryInfoView(dot_views.ConnectDiscoveryInfoView):
    """The discovery document, at the issuer's ``/.well-known/`` and under ``/sso/``."""


class UserInfoView(dot_views.UserInfoView):
    """The claims of the token's person; the token only in the ``Authorization`` header (RFC 9700 §4.3.2),
    which django-oauth-toolkit enforces for resource views but not for userinfo."""

    def dispatch(self, request, *args, **kwargs):
        if "access_token" in request.GET:
            response = JsonResponse(
                {"error": "invalid_request", "error_description": "access_token in the query string"},
                status=400,
            )
        else:
            response = super().dispatch(request, *args, **kwargs)
        return _private(response)
