from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.core import documents
from portal.core import views as core_views
from portal.core.renditions import serve_rendition
from portal.pages.sitemap import PortalSitemap
from portal.pages.views import site_map
from portal.sso.views import ConnectDiscoveryInfoView

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's permission-checked view, plus the portal's privacy and cache headers.
    re_path(r"^documents/(\d+)/(.*)$", documents.serve),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("display/<str:preference>/", core_views.toggle_display, name="toggle_display"),
    path("qr.svg", core_views.qr_code, name="qr_code"),
    path("api/editorial/", include("portal.editorial.urls")),
    # 一号登录 (portal.sso): the OpenID Connect provider; its issuer is the site root.
    path("sso/", include("portal.sso.urls")),
    path(".well-known/openid-configuration", ConnectDiscoveryInfoView.as_view(), name="oidc_discovery"),
]

# Two login forms: the Wagtail admin's for staff, 用户中心's (/yonghu/denglu/) for the public. Django's
# own admin (a third login, without the second factor) exists for local development only.
if settings.DEBUG:
    urlpatterns.insert(0, path("django-admin/", admin.site.urls))

# Media: image renditions only (documents go through the document view above, originals are never
# public). The front web server normally serves /media/images/ itself (deploy/nginx-portal.conf).
urlpatterns += [
    path(f"{settings.MEDIA_URL.strip('/')}/images/<path:path>", serve_rendition, name="rendition")
]

urlpatterns += i18n_patterns(
    # Wagtail's own front-end login form (for login-only pages) leads to the public login instead.
    path("_util/login/", RedirectView.as_view(url=settings.LOGIN_URL, query_string=True)),
    path("sitemap/", site_map, name="site_map"),
    path("search/", include("portal.search.urls")),
    path("hudong/", include("portal.interaction.urls")),
    path("fuwuzhaoren/", include("portal.proactive.urls")),
    path("banshi/", include("portal.services.urls")),
    path("pinglun/", include("portal.comments.urls")),
    path("yonghu/", include("portal.accounts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
