"""What a content check reports: findings with a position, a severity and a suggestion."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass

from portal.editorial.models.checks import Severity

__all__ = ["Finding", "Severity", "excerpt"]


@dataclass
class Finding:
    """One problem found in a page.

    ``field`` names the page field, ``offset`` is the character position in that field's plain
    text (``-1`` when the finding concerns the field as a whole) and ``excerpt`` shows the text
    around it.
    """

    rule: str
    severity: str
    message: str
    field: str = ""
    offset: int = -1
    excerpt: str = ""
    suggestion: str = ""
    extra: dict = dataclasses.field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return self.severity == Severity.BLOCK

    def as_dict(self) -> dict:
        return asdict(self)


def excerpt(text: str, start: int, end: int, margin: int = 12) -> str:
    """The matched text with some context, the match in 【】."""
    before = text[max(0, start - margin) : start]
    after = text[end : end + margin]
    return f"{before}【{text[start:end]}】{after}".replace("\n", " ")
