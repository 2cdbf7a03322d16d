"""A package's parts in the fixed order (原文 → 图解 → 文字 → 专家 → 问答 → 媒体 → 互动)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .vocabulary import PACKAGE_PARTS

__all__ = ["Part", "package_parts"]


@dataclass
class Part:
    key: str
    label: str
    pages: list = field(default_factory=list)


def package_parts(pages) -> list[Part]:
    """The parts of a package in the fixed order; parts with nothing are left out."""
    parts = [Part(key, str(label)) for key, label, _kinds in PACKAGE_PARTS]
    by_kind = {
        kind: part for part, (_k, _l, kinds) in zip(parts, PACKAGE_PARTS, strict=True) for kind in kinds
    }
    for page in pages:
        part = by_kind.get(page.kind)
        if part is not None:
            part.pages.append(page)
    return [p for p in parts if p.pages]
