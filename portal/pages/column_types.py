"""Column types (栏目类型): each app declares the kinds of column its features fill.

``pages`` declares news, notices, topics and general columns; disclosure declares policy and
disclosure columns; an app that arrives later (interpretation, services, interaction, open data)
declares its own from its ``contributions.py``. The column type field offers only what is
registered, so a type exists exactly when the feature behind it does.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.core.registry import Registry

__all__ = ["ColumnKind", "column_type_choices", "is_registered", "list_template_for", "register_column_type"]


DEFAULT_LIST_TEMPLATE = "includes/item_list.html"


@dataclass(frozen=True)
class ColumnKind:
    key: str
    label: str
    order: int = 100
    #: how a column of this kind lists its items (a policy column shows a table of metadata)
    list_template: str = DEFAULT_LIST_TEMPLATE


column_types = Registry("column_types")


def register_column_type(
    key: str, label, order: int = 100, list_template: str = DEFAULT_LIST_TEMPLATE
) -> ColumnKind:
    return column_types.register(key, ColumnKind(key, label, order, list_template))


def list_template_for(key: str) -> str:
    kind = column_types.get(key)
    return kind.list_template if kind is not None else DEFAULT_LIST_TEMPLATE


def column_type_choices() -> list[tuple[str, str]]:
    kinds = sorted(column_types.values(), key=lambda k: (k.order, k.key))
    return [(k.key, k.label) for k in kinds]


def is_registered(key: str) -> bool:
    return key in column_types
