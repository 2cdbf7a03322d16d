import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(env_extra: dict) -> subprocess.CompletedProcess:
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "PORTAL_BASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    from portal.sso.keys import generate_pem

    result = _check(
        {
            "PORTAL_OIDC_PRIVATE_KEY": generate_pem(),
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "www.example.gov.cn",
            "PORTAL_BASE_URL": "https://www.example.gov.cn",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_its_address():
    result = _check({"SECRET_KEY": secrets.token_urlsafe(60), "ALLOWED_HOSTS": "www.example.gov.cn"})
    assert result.returncode != 0
    assert "PORTAL_BASE_URL" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _check({"ALLOWED_HOSTS": "www.example.gov.cn"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
