"""The portal's rules on top of django-oauth-toolkit's validator."""

from __future__ import annotations

from oauth2_provider.models import get_application_model
from oauth2_provider.oauth2_validators import OAuth2Validator

from .claims import CLAIM_SCOPES, user_claims
from .models import Subject


class PortalOAuth2Validator(OAuth2Validator):
    oidc_claim_scope = {"sub": "openid", **CLAIM_SCOPES}

    def get_claim_dict(self, request):
        claims = {"sub": Subject.of(request.user)}
        claims.update(user_claims(request.user))
        return claims

    def get_discovery_claims(self, request):
        return ["sub", *CLAIM_SCOPES]

    def is_pkce_required(self, client_id, request):
        """PKCE for public clients (no secret to prove who redeems the code); optional otherwise."""
        Application = get_application_model()
        client_type = (
            Application.objects.filter(client_id=client_id).values_list("client_type", flat=True).first()
        )
        return client_type != Application.CLIENT_CONFIDENTIAL
