"""Chinese text utilities shared by every app (script conversion, width folding)."""

from __future__ import annotations

import functools
import unicodedata

import opencc


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_traditional(text: str, config: str = "s2t") -> str:
    """Simplified → Traditional Chinese."""
    return _converter(config).convert(text)


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese."""
    return _converter("t2s").convert(text)


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation to their half-width forms (NFKC)."""
    return unicodedata.normalize("NFKC", text)
