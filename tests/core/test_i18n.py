"""Flat message catalogues translate every message exactly as Django's own lookup does."""

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from portal.core import i18n


def _messages(translation_object) -> tuple[set, set]:
    singular, plural = set(), set()
    while translation_object is not None:
        for key in translation_object._catalog.keys():
            (plural.add(key[0]) if isinstance(key, tuple) else singular.add(key))
        translation_object = getattr(translation_object, "_fallback", None)
    return singular, plural


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_flat_catalogue_translates_every_message_as_django_does(language):
    django_own, flat = i18n.DjangoTranslation(language), i18n.FlatTranslation(language)
    singular, plural = _messages(django_own)
    assert len(singular) > 500  # Django's, Wagtail's and the portal's catalogues
    assert all(flat.gettext(message) == django_own.gettext(message) for message in singular)
    assert all(
        flat.ngettext(message, message, n) == django_own.ngettext(message, message, n)
        for message in plural
        for n in (0, 1, 2, 5)
    )
    assert flat.gettext("没有这条消息") == "没有这条消息"


def test_active_translations_are_flat():
    with translation.override("zh-hans"):
        active = trans_real._active.value
        assert isinstance(active, i18n.FlatTranslation)
        assert active._fallback is None or isinstance(active._fallback, i18n.DjangoTranslation)
        assert len(active._catalog._catalogs) <= 2
        assert translation.gettext("Save") != "Save"  # Django's catalogue still answers


def test_django_password_messages_are_chinese():
    """Django 5.2 reworded the too-short message and its zh_Hans catalogue kept only the old one;
    the portal's supplementary catalogue fills the gap (the public registration shows it)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("zh-hans"):
        try:
            validate_password("abc")
        except ValidationError as error:
            messages = error.messages
    assert messages and all(not m.isascii() for m in messages)
    assert "8" in messages[0]
