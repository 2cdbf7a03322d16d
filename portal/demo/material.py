"""The demo's material, read from the YAML files in ``data/`` (one file per subject).

Everything in them is invented: phone numbers use the unassigned area code 099, codes the
fictional division 999900, and no name refers to a real district, street or person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).with_name("data")


@cache
def load(name: str) -> dict:
    """The parsed ``data/<name>.yaml``, read once per process."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class Theme:
    """A news theme: its subjects, each with the facts that belong to it, how its titles read and
    the sentences true of any of its subjects."""

    subjects: dict[str, list[str]]
    titles: list[str]
    sentences: list[str]


@cache
def themes() -> dict[str, Theme]:
    return {name: Theme(**theme) for name, theme in load("news")["themes"].items()}


def district() -> dict:
    return load("district")
