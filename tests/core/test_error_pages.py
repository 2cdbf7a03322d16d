"""The reader sees the portal's own 404 and 500 pages, in the demo (`make run`) as in production."""

import runpy

import pytest
from django.test import Client


def test_the_404_page_is_the_portals(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，您访问的页面不存在" in html
    assert "<title>页面未找到_" in html
    assert "Page not found at" not in html  # Django's technical page


@pytest.mark.urls("tests.core.error_urls")
def test_the_500_page_is_self_contained_and_allowed_by_the_policy(db):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "系统繁忙" in html
    assert "<style" not in html and "style=" not in html, "inline styles break style-src 'self'"
    assert '<link rel="stylesheet" href="/static/css/error.css">' in html


def test_the_demo_runs_with_debug_off_unless_asked(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    assert runpy.run_module("portal.settings.dev")["DEBUG"] is False
    monkeypatch.setenv("DEBUG", "1")
    assert runpy.run_module("portal.settings.dev")["DEBUG"] is True
