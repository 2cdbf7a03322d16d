"""一号登录's part of the demo district: a registered relying party that ``make sso-demo-rp`` serves.

The client's id and secret are published (like the demo accounts' passwords): the demo relying
party (``scripts/sso_demo_rp.py``) is configured with them, on port 8001 of this machine.
"""

from __future__ import annotations

from oauth2_provider.models import get_application_model

from portal.demo.registry import register_seed

CLIENT_ID = "demo-zwfw"
CLIENT_SECRET = "demo-zwfw-secret-2026"
RP_PORT = 8001
REDIRECT_URIS = [f"http://localhost:{RP_PORT}/callback", f"http://127.0.0.1:{RP_PORT}/callback"]
POST_LOGOUT_URIS = [f"http://localhost:{RP_PORT}/logged-out", f"http://127.0.0.1:{RP_PORT}/logged-out"]


@register_seed("sso client", order=95, label="一号登录接入应用")
def seed_sso_client(ctx) -> None:
    Application = get_application_model()
    if Application.objects.filter(client_id=CLIENT_ID).exists():
        return
    Application.objects.create(
        name="示范区政务服务网（一号登录演示）",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM,
        redirect_uris="\n".join(REDIRECT_URIS),
        post_logout_redirect_uris="\n".join(POST_LOGOUT_URIS),
    )
    ctx.created["sso clients"] += 1
    ctx.log(f"  一号登录演示接入网站：make sso-demo-rp，再打开 http://localhost:{RP_PORT}/")
