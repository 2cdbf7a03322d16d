"""The demo relying party of 一号登录: another site that signs its visitors in with the portal.

Start the portal (``make run``), then in a second terminal ``make sso-demo-rp`` (or
``.venv/bin/python scripts/sso_demo_rp.py``) and open http://localhost:8001/. It is the relying
party of the tests (``tests/sso/rp/app.py``: Flask and authlib's OpenID Connect client, from
requirements-dev.lock), registered by ``seed_demo`` as 接入应用 ``demo-zwfw`` (docs/sso.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CLIENT_ID = "demo-zwfw"  # as portal/sso/demo.py registers it
CLIENT_SECRET = "demo-zwfw-secret-2026"
PORT = 8001


def main() -> None:
    from tests.sso.rp.app import create_app

    issuer = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
    app = create_app(issuer, CLIENT_ID, CLIENT_SECRET, title="示范区政务服务网（一号登录演示）")
    print(f"Demo relying party of {issuer}: http://localhost:{PORT}/")
    app.run(host="localhost", port=PORT)


if __name__ == "__main__":
    main()
