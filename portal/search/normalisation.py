"""Normalised text, the form every index entry and query is compared in (a leaf module: the models,
the analyser and the index all use it)."""

from __future__ import annotations

import re
import unicodedata

from portal.core.text import fold_width, to_simplified

_SPACE = re.compile(r"\s+")
_FULL_WIDTH = {0x3000: 0x20, **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}}


def normalise(text: str) -> str:
    """Full/half width folding (NFKC), Traditional → Simplified, lower case, single spaces."""
    if not text:
        return ""
    # Full-width ASCII is the usual case and cheap to map; NFKC (the slow part) only when needed.
    text = text.translate(_FULL_WIDTH)
    if not unicodedata.is_normalized("NFKC", text):
        text = fold_width(text)
    return _SPACE.sub(" ", to_simplified(text).lower()).strip()
