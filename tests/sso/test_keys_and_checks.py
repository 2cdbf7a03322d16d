"""The signing key: from the environment or a file, generated once in dev and test, required in production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks

from portal.sso import keys
from portal.sso.checks import check_issuer, check_signing_key
from portal.sso.conf import provider_settings

ROOT = Path(__file__).resolve().parents[2]


def test_generated_once_and_kept(tmp_path):
    path = tmp_path / "var" / "oidc.pem"
    first = keys.signing_key(environ={}, generate_at=path)
    assert first.startswith("-----BEGIN PRIVATE KEY-----")
    assert keys.signing_key(environ={}, generate_at=path) == first
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_environment_wins_over_the_file(tmp_path):
    pem = keys.generate_pem()
    (tmp_path / "k.pem").write_text(pem)
    assert keys.signing_key(environ={"PORTAL_OIDC_PRIVATE_KEY": pem.replace("\n", "\\n")}) == pem
    assert keys.signing_key(environ={"PORTAL_OIDC_PRIVATE_KEY_FILE": str(tmp_path / "k.pem")}) == pem
    assert keys.signing_key(environ={}) == ""
    assert keys.inactive_keys({"PORTAL_OIDC_INACTIVE_KEY_FILES": f"{tmp_path / 'k.pem'}, "}) == [pem]
    assert keys.inactive_keys({}) == []


def test_a_race_for_the_first_key_keeps_one(tmp_path, monkeypatch):
    path = tmp_path / "oidc.pem"
    other = keys.generate_pem()
    real_link = os.link

    def link_after_another_process(src, dst):
        Path(dst).write_text(other)  # another worker got there first
        real_link(src, dst)

    monkeypatch.setattr(keys.os, "link", link_after_another_process)
    assert keys.generated_key(path) == other


def test_missing_or_bad_key_is_an_error(settings):
    settings.OAUTH2_PROVIDER = provider_settings(settings.PORTAL_BASE_URL, "")
    assert [m.id for m in check_signing_key()] == ["portal.E010"]
    settings.OAUTH2_PROVIDER = provider_settings(settings.PORTAL_BASE_URL, "not a key")
    assert [m.id for m in check_signing_key()] == ["portal.E010"]
    settings.OAUTH2_PROVIDER = provider_settings(settings.PORTAL_BASE_URL, settings.PORTAL_OIDC_PRIVATE_KEY)
    assert check_signing_key() == []


def test_issuer_must_be_the_canonical_address(settings):
    assert check_issuer() == []
    settings.OAUTH2_PROVIDER = provider_settings(
        "https://elsewhere.example", settings.PORTAL_OIDC_PRIVATE_KEY
    )
    errors = check_issuer()
    assert [m.id for m in errors] == ["portal.E011"] and errors[0].level == checks.ERROR


def _production_check(extra_env):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PORTAL_OIDC", "DJANGO_SETTINGS", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="p" * 60,
        ALLOWED_HOSTS="www.shifan.gov.cn",
        PORTAL_BASE_URL="https://www.shifan.gov.cn",
        PORTAL_VAR_DIR=str(ROOT / "var" / "prod-check"),
        **extra_env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("configured", [False, True])
def test_production_refuses_to_start_without_a_key(tmp_path, configured):
    env = {}
    if configured:
        (tmp_path / "oidc.pem").write_text(keys.generate_pem())
        env["PORTAL_OIDC_PRIVATE_KEY_FILE"] = str(tmp_path / "oidc.pem")
    result = _production_check(env)
    if configured:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0 and "portal.E010" in result.stderr
