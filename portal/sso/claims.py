"""What the provider says about a person (ID token and userinfo), by OpenID Connect scope.

The standard claims are read off the user through ``getattr``, so a user model or profile that
adds ``phone_number`` or ``email_verified`` is picked up without this app knowing it. An app that
knows more about people (the citizen accounts) contributes a claim source from its
``contributions.py``::

    from portal.sso.claims import claim_sources

    claim_sources.register("accounts", lambda user: {"phone_number": ..., "email_verified": True})

A source returns standard claims (``None`` values are dropped) that override the defaults.
"""

from __future__ import annotations

from portal.core.registry import Registry

claim_sources = Registry("sso_claim_sources")

#: The claims the provider may release, each with the scope that releases it.
CLAIM_SCOPES = {
    "name": "profile",
    "preferred_username": "profile",
    "email": "email",
    "email_verified": "email",
    "phone_number": "phone",
    "phone_number_verified": "phone",
}


def _name(user) -> str:
    name = getattr(user, "display_name", "") or getattr(user, "real_name", "")
    if name:
        return str(name)
    # Chinese order: family name first, no space between Han characters.
    family, given = (getattr(user, "last_name", "") or ""), (getattr(user, "first_name", "") or "")
    if family and given and (family + given).isascii():
        return f"{given} {family}"
    return (family + given) or user.get_username()


def default_claims(user) -> dict:
    claims = {
        "name": _name(user),
        "preferred_username": user.get_username(),
        "email": getattr(user, "email", "") or None,
        "email_verified": getattr(user, "email_verified", None),
        "phone_number": getattr(user, "phone_number", None) or getattr(user, "phone", None) or None,
        "phone_number_verified": getattr(user, "phone_number_verified", None),
    }
    if claims["email"] and claims["email_verified"] is None:
        claims["email_verified"] = False
    if claims["phone_number"] and claims["phone_number_verified"] is None:
        claims["phone_number_verified"] = False
    return claims


def user_claims(user) -> dict:
    """Every claim known about ``user`` (before filtering by the granted scopes)."""
    claims = default_claims(user)
    for source in claim_sources.values():
        claims.update(source(user) or {})
    return {key: value for key, value in claims.items() if value not in (None, "")}
