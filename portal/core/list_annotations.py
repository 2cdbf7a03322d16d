"""Notes other apps add beside the items of a list: “3 条评论” after an article in its column.

An app registers a :class:`ListAnnotation` from its ``contributions.py``: a function that gets the
whole batch of items one list shows and returns ``{page_id: text}`` for the items it has something
to say about. A list (a column's items, a package's parts) calls :func:`annotate` once per render,
so an annotation costs one read for the batch — a cached map, or one query — never one per item.
The notes are set on each item as ``item.list_notes`` and shown by ``includes/list_notes.html``;
the list's template loads no app's tags and its app imports no app's models.

Notes render inside cached list pages: they must be the same for every reader, and when one
changes the contributing app purges :func:`lists_showing` the item (``portal.core.purge``): every
page above it below the home page (the columns listing it, a package) and the pages that apps name
through :data:`listed_on` (an interpretation shown in the packages of its document).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.dispatch import Signal
from wagtail.models import Page

from .registry import Registry
from .routing import HOME_DEPTH

__all__ = ["ListAnnotation", "ListNote", "annotate", "annotations", "listed_on", "lists_showing", "register"]


@dataclass(frozen=True)
class ListAnnotation:
    key: str
    #: (items of one list) -> {page_id: text} for the items that get a note
    notes: Callable[[list], dict[int, str]]
    order: int = 100


@dataclass(frozen=True)
class ListNote:
    key: str
    text: str


annotations = Registry("list_annotations")

#: Sent with ``pages`` by :func:`lists_showing`; a receiver returns the pages other than their
#: ancestors that list them (or an empty list).
listed_on = Signal()


def register(annotation: ListAnnotation) -> ListAnnotation:
    return annotations.register(annotation.key, annotation)


def annotate(items: Iterable) -> list:
    """Set ``list_notes`` on each of ``items`` (pages), asking each annotation once for the
    whole batch; the items are returned as a list (a paginator's page keeps them)."""
    items = list(items)
    found: dict[int, list[ListNote]] = {}
    if items:
        for annotation in sorted(annotations.values(), key=lambda a: (a.order, a.key)):
            for page_id, text in (annotation.notes(items) or {}).items():
                found.setdefault(page_id, []).append(ListNote(annotation.key, text))
    for item in items:
        item.list_notes = found.get(item.pk, [])
    return items


def lists_showing(pages: Iterable[Page]) -> list[Page]:
    """The live pages that list ``pages``: their ancestors below the home page, and what the
    receivers of :data:`listed_on` add."""
    pages = [p for p in pages if p is not None and p.pk]
    paths = {p.path[: Page.steplen * depth] for p in pages for depth in range(HOME_DEPTH + 1, p.depth)}
    shown: dict[int, Page] = {}
    if paths:
        for ancestor in Page.objects.live().filter(path__in=paths).specific(defer=True):
            shown[ancestor.pk] = ancestor
    for _receiver, extra in listed_on.send(sender=None, pages=pages):
        for page in extra or ():
            shown.setdefault(page.pk, page)
    own = {p.pk for p in pages}
    return [page for pk, page in shown.items() if pk not in own]
