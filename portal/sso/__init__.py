"""一号登录: the portal as an OpenID Connect provider for the district's other sites (docs/sso.md)."""
