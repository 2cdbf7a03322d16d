"""``/sso/``: django-oauth-toolkit's endpoints the portal offers, in its ``oauth2_provider`` namespace.

Only the authorization code flow (with refresh) and OpenID Connect: no application management
views (clients are registered in the Wagtail admin, ``wagtail_hooks``), no dynamic client
registration, no device flow. The issuer's discovery document is also at the site root
(``/.well-known/openid-configuration``, ``portal/urls.py``).
"""

from django.urls import path, re_path
from oauth2_provider import views as dot_views

from . import views

app_name = "oauth2_provider"

urlpatterns = [
    path("authorize/", views.AuthorizationView.as_view(), name="authorize"),
    path("token/", dot_views.TokenView.as_view(), name="token"),
    path("revoke_token/", dot_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", dot_views.IntrospectTokenView.as_view(), name="introspect"),
    re_path(
        r"^\.well-known/openid-configuration/?$",
        views.ConnectDiscoveryInfoView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", dot_views.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", views.UserInfoView.as_view(), name="user-info"),
    path("logout/", views.LogoutView.as_view(), name="rp-initiated-logout"),
]
