"""Sections other apps add to a page's own template (相关内容): a policy document lists its
interpretations, an article or interpretation shows its public comments.

An app registers a :class:`PageSection` from its ``contributions.py`` with a template of its own
and a function that returns the section's context for a page (or None to leave it out). A page
template renders them all with ``{% page_sections %}`` (``portal_tags``); it loads no app's tags
and imports no app's models. Sections render inside the cached page: their content must be the
same for every reader, and whatever changes it purges the page (``portal.core.purge``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .registry import Registry

__all__ = ["PageSection", "register", "rendered_sections", "sections"]


@dataclass(frozen=True)
class PageSection:
    key: str
    template: str
    context: Callable[..., dict | None]  # (page, request) -> context, or None to hide
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    section: PageSection
    data: dict

    @property
    def template(self) -> str:
        return self.section.template


sections = Registry("page_sections")


def register(section: PageSection) -> PageSection:
    return sections.register(section.key, section)


def rendered_sections(page, request=None) -> list[RenderedSection]:
    """The sections with something to show for ``page``, in order."""
    found = []
    for section in sorted(sections.values(), key=lambda s: (s.order, s.key)):
        data = section.context(page, request)
        if data:
            found.append(RenderedSection(section, data))
    return found
