"""The review workflows (三审) on both home pages."""

from __future__ import annotations

from portal.editorial.models import ReviewRouting
from portal.editorial.services import install_default_workflows

from ..registry import register_seed
from .context import SeedContext


@register_seed("workflows", order=95, label="审核流程")
def seed_workflows(ctx: SeedContext) -> None:
    install_default_workflows([ctx.homes["zh-hans"], ctx.homes["en"]])
    # Columns of an organisation with nobody to review go to the district office.
    routing = ReviewRouting.load()
    if routing.fallback_organisation_id is None:
        routing.fallback_organisation = ctx.orgs["gov-office"]
        routing.save()
