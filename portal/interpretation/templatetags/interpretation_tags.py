"""Template tags of the interpretation lists."""

from django import template

from ..models import remember_kind_labels

register = template.Library()


@register.simple_tag
def read_package_kinds(items) -> str:
    """Reads the 解读形式 of every package in a list at once (nothing is output)."""
    remember_kind_labels(list(items))
    return ""
