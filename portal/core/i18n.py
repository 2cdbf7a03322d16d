"""Flat message catalogues: one dictionary lookup per translated string instead of a walk.

Django builds each language's translation by merging every app's catalogue into a list of
dictionaries (one per plural rule object, so in practice one per app) and hangs the ``zh``
catalogues Python's gettext finds beside ``zh_Hans`` as a chain of fallbacks. A string that no
catalogue translates — most of ours, whose source text is already Chinese — then costs some
35 lookups and 13 nested calls, about 30 µs; a page renders a hundred of them. ``install()`` makes
new translations fold that list and chain into one dictionary per plural rule, keeping which
catalogue wins for every message exactly as Django's lookup order decides it.
"""

from __future__ import annotations

import gettext

from django.utils.translation import trans_real

DjangoTranslation = trans_real.DjangoTranslation  # Django's own class, whichever is installed


def _plural_signature(plural) -> tuple:
    code = plural.__code__
    return code.co_code, code.co_consts, code.co_names


def flatten(translation: gettext.GNUTranslations) -> None:
    """Fold ``translation``'s catalogues and its chain of plain GNU fallbacks into one
    dictionary per plural rule. A fallback that is itself a Django translation (another
    language) stays a fallback."""
    catalogue = translation._catalog
    if not isinstance(catalogue, trans_real.TranslationCatalog):
        return
    sources = list(zip(catalogue._catalogs, catalogue._plurals))
    fallback = translation._fallback
    while isinstance(fallback, gettext.GNUTranslations) and not isinstance(fallback, DjangoTranslation):
        sources.append((fallback._catalog, fallback.plural))
        fallback = fallback._fallback
    groups: dict[tuple, tuple[dict, object]] = {}
    seen: set = set()
    for messages, plural in sources:
        merged, _plural = groups.setdefault(_plural_signature(plural), ({}, plural))
        for key, value in messages.items():
            if isinstance(key, tuple):  # (msgid, plural index): ranked within its own plural rule
                merged.setdefault(key, value)
            elif key not in seen:
                seen.add(key)
                merged[key] = value
    flat = trans_real.TranslationCatalog()
    flat._catalogs = [merged for merged, _plural in groups.values()]
    flat._plurals = [plural for _merged, plural in groups.values()]
    translation._catalog = flat
    translation._fallback = fallback


class FlatTranslation(DjangoTranslation):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        flatten(self)


def install() -> None:
    """Build every translation from now on flat (called once, from ``CoreConfig.ready``)."""
    if trans_real.DjangoTranslation is not FlatTranslation:
        trans_real.DjangoTranslation = FlatTranslation
        trans_real._translations = {}
