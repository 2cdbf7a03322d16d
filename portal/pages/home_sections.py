"""Home-page sections: what each app shows on the home page, in the order it asks for.

An app registers a :class:`HomeSection` from its ``contributions.py`` with a template of its
own and a function that returns the section's context (or None to leave it out, e.g. no such
column on this site). The home template loops over the sections; it loads no app's tags.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal.core.registry import Registry

__all__ = ["HomeSection", "home_page_context", "register", "sections", "sections_for"]


@dataclass(frozen=True)
class HomeSection:
    key: str
    template: str
    context: Callable[..., dict | None]  # (home, request) -> context, or None to hide
    order: int = 100
    #: "top" opens the page; "panel" sits in the grid of panels; "band" spans the page below it
    area: str = "panel"


sections = Registry("home_sections")


def register(section: HomeSection) -> HomeSection:
    return sections.register(section.key, section)


@dataclass(frozen=True)
class RenderedSection:
    section: HomeSection
    data: dict

    @property
    def template(self) -> str:
        return self.section.template


def sections_for(home, request=None) -> dict[str, list[RenderedSection]]:
    """The sections with something to show, by area, in order."""
    found: dict[str, list[RenderedSection]] = {"top": [], "panel": [], "band": []}
    for section in sorted(sections.values(), key=lambda s: (s.order, s.key)):
        data = section.context(home, request)
        if data:
            found.setdefault(section.area, []).append(RenderedSection(section, data))
    return found


def home_page_context(home, request=None) -> dict:
    """What the home template needs: the sections by area, and the grid's width."""
    found = sections_for(home, request)
    return {
        "top_sections": found["top"],
        "panel_sections": found["panel"],
        "band_sections": found["band"],
        "compact_grid": len(found["panel"]) < 3,
    }
