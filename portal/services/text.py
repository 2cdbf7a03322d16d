"""Initial letters for the A–Z index (拼音首字母)."""

from pypinyin import Style, lazy_pinyin


def initial_of(title: str) -> str:
    """The upper-case first pinyin letter of ``title`` (``#`` for anything else)."""
    for syllable in lazy_pinyin(title.strip()[:1], style=Style.FIRST_LETTER, errors="ignore"):
        letter = syllable[:1].upper()
        if "A" <= letter <= "Z":
            return letter
    first = title.strip()[:1].upper()
    return first if "A" <= first <= "Z" else "#"
