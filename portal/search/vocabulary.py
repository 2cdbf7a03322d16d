"""The default government vocabulary (``data/synonyms.txt``) and loading it into ``Synonym``."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "synonyms.txt"
NOTE = "默认词库"


def default_groups() -> list[str]:
    """The groups of the data file, one string per group, in the file's order."""
    groups = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            groups.append(line)
    return groups


def load(synonym_model, groups: list[str] | None = None) -> int:
    """Add the groups not yet present (editors' changes stay); returns how many were added."""
    existing = set(synonym_model.objects.values_list("terms", flat=True))
    new = [
        synonym_model(terms=g[:300], note=NOTE)
        for g in dict.fromkeys(groups if groups is not None else default_groups())
        if g not in existing
    ]
    synonym_model.objects.bulk_create(new, batch_size=500)
    return len(new)
