"""设置 › 接入应用: the system administrator registers relying parties; nobody else may."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from oauth2_provider.models import get_application_model

from portal.accounts import roles

Application = get_application_model()
INDEX = "/admin/sso_clients/"
ADD = "/admin/sso_clients/new/"


@pytest.fixture
def admins(db, django_user_model):
    roles.install_roles()

    def make(role):
        user = django_user_model.objects.create_user(f"{role.key}admin", password="x")
        user.groups.add(Group.objects.get(name=role.name))
        return user

    return {role.key: make(role) for role in roles.ROLES}


def _post(client, url, **fields):
    data = {
        "name": "示范区政务服务网",
        "client_type": "confidential",
        "redirect_uris": "https://zwfw.example.gov.cn/oidc/callback/\nhttps://zwfw.example.gov.cn/oidc/callback/",
        "post_logout_redirect_uris": "https://zwfw.example.gov.cn/",
        "allowed_origins": "",
        **fields,
    }
    return client.post(url, data)


def test_system_administrator_registers_a_client_and_sees_the_secret_once(client, admins):
    client.force_login(admins["system"])
    assert client.get(INDEX).status_code == 200
    form = client.get(ADD).content.decode()
    assert "回调地址白名单" in form and "退出后回调地址" in form and "受信任的应用" in form

    response = _post(client, ADD)
    assert response.status_code == 200
    html = response.content.decode()
    app = Application.objects.get()
    assert app.client_id in html and "密钥只显示这一次" in html
    secret = html.split('<code id="client-secret">')[1].split("</code>")[0]
    assert len(secret) > 40 and app.client_secret != secret  # stored hashed
    assert app.redirect_uris.split() == ["https://zwfw.example.gov.cn/oidc/callback/"]  # de-duplicated
    assert app.authorization_grant_type == Application.GRANT_AUTHORIZATION_CODE
    assert app.algorithm == Application.RS256_ALGORITHM
    assert "no-store" in response["Cache-Control"]

    # Editing without a new secret keeps it; asking for one shows the new one once.
    edit = f"/admin/sso_clients/edit/{app.pk}/"
    response = _post(client, edit, skip_authorization="on")
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.skip_authorization and app.client_secret != secret
    kept = app.client_secret
    response = _post(client, edit, regenerate_secret="on")
    assert response.status_code == 200 and "client-secret" in response.content.decode()
    app.refresh_from_db()
    assert app.client_secret != kept


@pytest.mark.parametrize(
    ("uris", "message"),
    [
        ("", "必需字段"),
        ("   ", "必需字段"),
        ("zwfw.example.gov.cn/cb", "不是完整的网址"),
        ("https://*.example.gov.cn/cb", "不能包含通配符"),
        ("https://zwfw.example.gov.cn/cb#x", "不能包含 # 片段"),
        ("ftp://zwfw.example.gov.cn/cb", "不是完整的网址"),
    ],
)
def test_redirect_uris_are_exact_urls(client, admins, uris, message):
    client.force_login(admins["system"])
    response = _post(client, ADD, redirect_uris=uris)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Application.objects.exists()


def test_origins_carry_no_path(client, admins):
    client.force_login(admins["system"])
    response = _post(client, ADD, client_type="public", allowed_origins="https://app.example.gov.cn/x")
    assert "不带路径" in response.content.decode()
    response = _post(client, ADD, client_type="public", allowed_origins="https://app.example.gov.cn")
    assert response.status_code == 302  # a public client has no secret to show
    assert Application.objects.get().client_type == "public"


@pytest.mark.parametrize("role", ["security", "audit"])
def test_other_roles_may_not_register_clients(client, admins, role):
    client.force_login(admins[role])
    assert client.get(INDEX).status_code in (302, 403)
    assert _post(client, ADD).status_code in (302, 403)
    assert not Application.objects.exists()


def test_menu_item_only_for_the_system_administrator(client, admins):
    from portal.sso.permissions import ClientPermissionPolicy

    policy = ClientPermissionPolicy(Application)
    assert policy.user_has_permission(admins["system"], "add")
    assert not policy.user_has_permission(admins["security"], "add")
    users = set(policy.users_with_any_permission(["change"]))
    assert admins["system"] in users and admins["audit"] not in users
