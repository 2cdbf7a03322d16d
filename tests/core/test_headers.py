"""Security headers: Content-Security-Policy (public and admin), Permissions-Policy, framing."""

from django.test import override_settings


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


def test_public_pages_allow_only_the_site_itself(client, home):
    response = client.get(home.url)
    assert response.status_code == 200
    csp = directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no nonce unless a template asks for one
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"] and csp["base-uri"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_relaxes_only_inline_scripts_and_styles(client, db):
    response = client.get("/admin/login/")
    csp = directives(response)
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'self'"]


def test_permissions_policy_switches_off_devices_and_tracking(client, home):
    header = client.get(home.url)["Permissions-Policy"]
    for feature in (
        "camera=()",
        "microphone=()",
        "geolocation=()",
        "browsing-topics=()",
        "interest-cohort=()",
    ):
        assert feature in header
    assert client.get("/admin/login/")["Permissions-Policy"] == header


@override_settings(PORTAL_PERMISSIONS_POLICY={"geolocation": ["self"]})
def test_permissions_policy_is_a_setting(client, home):
    assert client.get(home.url)["Permissions-Policy"] == "geolocation=(self)"


def test_a_nonce_appears_only_when_a_template_uses_one(rf):
    from django.http import HttpResponse

    from portal.core.headers import PortalCSPMiddleware

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    request = rf.get("/")
    response = PortalCSPMiddleware(view)(request)
    assert f"'nonce-{request._csp_nonce}'" in response["Content-Security-Policy"]
