"""The RSA key that signs ID tokens, read by the settings (so it imports nothing of Django's apps).

Production gives the key in ``PORTAL_OIDC_PRIVATE_KEY`` (the PEM itself) or in the file named by
``PORTAL_OIDC_PRIVATE_KEY_FILE``; without one the ``portal.E010`` system check refuses to start.
Development and tests generate one the first time and keep it under the data directory
(``var/oidc-signing-key.pem``, never committed), so tokens survive restarts.
"""

from __future__ import annotations

import os
from pathlib import Path


def _read(path: str | Path) -> str:
    return Path(path).read_text(encoding="ascii")


def generate_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def generated_key(path: Path) -> str:
    """The key kept at ``path``, created (readable by its owner only) when it is missing.

    Concurrent first starts (test workers) race on an exclusive create: one writes, the others
    read what it wrote.
    """
    if path.exists():
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = generate_pem()
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(pem)
    try:
        os.link(tmp, path)  # fails if another process got there first
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return _read(path)


def signing_key(environ=os.environ, generate_at: Path | None = None) -> str:
    """The active signing key's PEM: the environment's, else a generated one, else ``""``."""
    if environ.get("PORTAL_OIDC_PRIVATE_KEY"):
        return environ["PORTAL_OIDC_PRIVATE_KEY"].replace("\\n", "\n")
    if environ.get("PORTAL_OIDC_PRIVATE_KEY_FILE"):
        return _read(environ["PORTAL_OIDC_PRIVATE_KEY_FILE"])
    if generate_at is not None:
        return generated_key(generate_at)
    return ""


def inactive_keys(environ=os.environ) -> list[str]:
    """Retired keys still published in the JWKS while their tokens live (comma-separated files)."""
    files = environ.get("PORTAL_OIDC_INACTIVE_KEY_FILES", "")
    return [_read(name.strip()) for name in files.split(",") if name.strip()]
