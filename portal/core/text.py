"""Chinese text utilities shared by every app (script conversion, width folding)."""

from __future__ import annotations

import functools
import re
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


# Personal data in free text (search queries, log lines): masked before it is stored.
_D = "[0-9０-９]"
_PERSONAL = re.compile(
    "|".join(
        [
            # resident ID numbers: 18 digits (the last may be X) or the old 15 digits
            rf"(?P<id>(?<![0-9０-９]){_D}{{17}}[0-9０-９XxＸｘ](?![0-9０-９A-Za-z])|(?<![0-9０-９]){_D}{{15}}(?![0-9０-９]))",
            # mainland mobile numbers, optionally +86 and spaced or hyphenated as 3-4-4
            rf"(?P<mobile>(?<![0-9０-９])(?:(?:\+|＋)?86[- ]?)?[1１][3-9３-９]{_D}(?:[- ]?{_D}{{4}}){{2}}(?![0-9０-９]))",
            # landlines: area code 0xx / 0xxx, a separator or not, then 7 or 8 digits
            rf"(?P<landline>(?<![0-9０-９])[(（]?[0０]{_D}{{2,3}}[)）]?[- ]?{_D}{{7,8}}(?![0-9０-９]))",
            r"(?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)",
        ]
    )
)


def _mask(match: re.Match) -> str:
    text = match.group(0)
    kind = match.lastgroup
    if kind == "email":
        name, _, domain = text.partition("@")
        return f"{name[:1]}***@{domain}"
    digits = [i for i, ch in enumerate(text) if ch.isdigit() or ch in "XxＸｘ"]
    keep = {"id": (6, 0), "mobile": (3, 4), "landline": (4, 0)}[kind]
    if kind == "mobile" and len(digits) > 11:  # +86: keep the country code and the first 3
        keep = (len(digits) - 8, 4)
    hidden = set(digits[keep[0] : len(digits) - keep[1]])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def mask_personal_data(text: str) -> str:
    """Mask mobile and landline numbers, resident ID numbers and e-mail addresses in ``text``.

    ``13812345678`` → ``138****5678``; ``0571-12345678`` → ``0571-********``;
    ``110101199001011234`` → ``110101************``; ``zhang@example.com`` → ``z***@example.com``.
    Full-width digits are recognised too.
    """
    if not text:
        return text
    return _PERSONAL.sub(_mask, text)
