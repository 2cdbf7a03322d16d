"""Idle staff sessions end; the Wagtail admin login is the only login form."""

import importlib
import time

import pytest
from django.contrib.auth.views import LoginView
from django.urls import URLPattern, URLResolver, clear_url_caches, get_resolver, resolve

from portal.accounts.middleware import LAST_ACTIVITY_KEY


def test_an_idle_session_is_logged_out(client, editor, settings):
    settings.PORTAL_SESSION_IDLE_TIMEOUT = 1800
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 1801
    session.save()
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[0][0].startswith("/admin/login/")
    assert "长时间未操作" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still logged out


def test_an_active_session_stays(client, editor, settings):
    settings.PORTAL_SESSION_IDLE_TIMEOUT = 1800
    client.force_login(editor)
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 1700
    session.save()
    assert client.get("/admin/").status_code == 200
    assert client.session[LAST_ACTIVITY_KEY] >= int(time.time()) - 5  # the clock restarted


def test_idle_expiry_can_be_turned_off(client, editor, settings):
    settings.PORTAL_SESSION_IDLE_TIMEOUT = 0
    client.force_login(editor)
    session = client.session
    session[LAST_ACTIVITY_KEY] = 0
    session.save()
    assert client.get("/admin/").status_code == 200


def _reload_urls(debug: bool, settings):
    import portal.urls

    settings.DEBUG = debug
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture
def url_conf(settings):
    yield lambda debug: _reload_urls(debug, settings)
    _reload_urls(False, settings)


def test_no_django_admin_outside_debug(client, url_conf, db):
    url_conf(False)
    assert not [route for route, _ in _views(get_resolver()) if route.startswith("django-admin")]
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404
    url_conf(True)
    assert resolve("/django-admin/login/").app_name == "admin"


def _views(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_the_wagtail_admin_login_is_the_only_django_login_view(url_conf):
    # The public login (用户中心) is allauth's own view, with the same lockout (test_citizen_lockout.py).
    url_conf(False)

    def is_login(view) -> bool:
        return issubclass(getattr(view, "view_class", object), LoginView)

    declared = [route for route, view in _views(get_resolver()) if is_login(view)]
    # Wagtail declares its front-end login too, but the portal's redirect answers that address first.
    reachable = [route for route in declared if is_login(resolve("/" + route).func)]
    assert reachable == ["admin/login/"]


def test_wagtails_front_end_login_leads_to_the_public_login(client, db, home):
    # A login-only page is for the public: its readers sign in at 用户中心 (LOGIN_URL).
    response = client.get("/_util/login/?next=/x/")
    assert response.status_code == 302
    assert response["Location"] == "/yonghu/denglu/?next=/x/"
