"""The demo district registers the demo relying party that scripts/sso_demo_rp.py serves."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from oauth2_provider.models import get_application_model

from portal.demo.seed.context import SeedContext
from portal.sso import demo

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "sso_demo_rp.py"


def _script():
    spec = importlib.util.spec_from_file_location("sso_demo_rp", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_registers_the_demo_client_once(db):
    ctx = SeedContext(quiet=True)
    demo.seed_sso_client(ctx)
    demo.seed_sso_client(ctx)
    app = get_application_model().objects.get(client_id=demo.CLIENT_ID)
    assert ctx.created["sso clients"] == 1
    assert app.redirect_uri_allowed("http://localhost:8001/callback")
    assert not app.redirect_uri_allowed("http://localhost:8001/callback/other")
    assert app.post_logout_redirect_uri_allowed("http://localhost:8001/logged-out")
    assert not app.skip_authorization  # the demo shows the consent screen


def test_the_demo_script_uses_the_seeded_client(monkeypatch):
    from flask import Flask

    script = _script()
    assert (script.CLIENT_ID, script.CLIENT_SECRET, script.PORT) == (
        demo.CLIENT_ID,
        demo.CLIENT_SECRET,
        demo.RP_PORT,
    )
    started = {}
    monkeypatch.setattr(Flask, "run", lambda self, host, port: started.update(host=host, port=port))
    monkeypatch.setenv("PORTAL_BASE_URL", "http://127.0.0.1:8000")
    script.main()
    assert started == {"host": "localhost", "port": 8001}
