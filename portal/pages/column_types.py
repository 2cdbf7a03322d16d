"""Column types (栏目类型): each app declares the kinds of column its features fill.

``pages`` declares news, notices, topics and general columns; disclosure declares policy and
disclosure columns; an app that arrives later (interpretation, services, interaction, open data)
declares its own from its ``contributions.py``. The column type field offers only what is
registered, so a type exists exactly when the feature behind it does.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.core.registry import Registry

__all__ = ["ColumnKind", "column_type_choices", "is_registered", "register_column_type"]


@dataclass(frozen=True)
class ColumnKind:
    key: str
    label: str
    order: int = 100


column_types = Registry("column_types")


def register_column_type(key: str, label, order: int = 100) -> ColumnKind:
    return column_types.register(key, ColumnKind(key, label, order))


def column_type_choices() -> list[tuple[str, str]]:
    kinds = sorted(column_types.values(), key=lambda k: (k.order, k.key))
    return [(k.key, k.label) for k in kinds]


def is_registered(key: str) -> bool:
    return key in column_types
