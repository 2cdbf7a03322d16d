"""Public query parameters made safe before they reach the database or a template.

Nothing a visitor types may cause a 500: NUL characters (refused by PostgreSQL), lone
surrogates (not encodable as UTF-8), other control characters, very long values, integers
beyond 64 bits or negative, and dates whose next day does not exist are dropped or bounded.
"""

from __future__ import annotations

import re
from datetime import date

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_INT = re.compile(r"^[+-]?\d{1,18}$")
MAX_ID = 2**63 - 1


def text(value: str | None, max_length: int) -> str:
    """``value`` without control characters or lone surrogates, cut to ``max_length``."""
    if not value:
        return ""
    return _UNSAFE.sub("", value[: max_length * 2])[:max_length]


def integer(value: str | None, default: int | None = None, lo: int = 0, hi: int = MAX_ID) -> int | None:
    """An integer within [lo, hi]; anything else (junk, beyond 64 bits) gives ``default``.

    Values outside the range are clamped (``page=-1`` → the first page)."""
    value = (value or "").strip()
    if not _INT.match(value):
        return default
    return min(max(int(value), lo), hi)


def identifier(value: str | None) -> int | None:
    """A database id: a positive integer that fits a 64-bit column, otherwise None."""
    n = integer(value, None, lo=-1)
    return n if n is not None and 0 < n < MAX_ID else None


def iso_date(value: str | None) -> date | None:
    """A YYYY-MM-DD date with a next day (so "to" filters can use "< next day"), else None."""
    try:
        parsed = date.fromisoformat(text(value, 10)) if value else None
    except ValueError:
        return None
    return parsed if parsed is None or parsed < date.max else None
