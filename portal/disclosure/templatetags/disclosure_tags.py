"""Links to generated organisation and leader pages, for any template."""

from django import template

from portal.core.models import Leader, Organisation

from ..models import LeaderDirectoryPage, OrganisationDirectoryPage

register = template.Library()


def _directory(model, context):
    cache = context.render_context.setdefault("disclosure_directories", {})
    if model not in cache:
        cache[model] = model.objects.live().filter(locale__language_code="zh-hans").first()
    return cache[model]


@register.simple_tag(takes_context=True)
def leader_url(context, leader: Leader) -> str:
    directory = _directory(LeaderDirectoryPage, context)
    return directory.url_for(leader) if directory else ""


@register.simple_tag(takes_context=True)
def organisation_url(context, organisation: Organisation) -> str:
    directory = _directory(OrganisationDirectoryPage, context)
    return directory.url_for(organisation) if directory else ""
