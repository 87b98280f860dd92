"""Translate pages with wagtail-localize from code (the demo loader and tests use it).

Editors do the same in the admin: "Dịch trang này" (Translate this page) creates
the translation, the wagtail-localize editor fills in each string, "Đồng bộ bản
dịch" (Sync translated pages) brings the source's later changes across.
Synchronised fields (dates, authors, images, documents, categories) always come
from the Vietnamese source; only text is translated.
"""

from __future__ import annotations

from django.db import transaction

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def translate(page: Page, locale: Locale, strings: dict[str, str], *, user=None, publish: bool = True) -> Page:
    """Create or update ``page``'s translation into ``locale`` with wagtail-localize.

    ``strings`` maps source strings (as wagtail-localize segments them: a title, a
    paragraph's text) to their translation; a string without one keeps the source text.
    Returns the translated page.
    """
    page = page.specific
    with transaction.atomic():
        source, _created = TranslationSource.update_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            text = strings.get(segment.string.data)
            if text:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={"data": text, "translation_type": "manual"},
                )
        _save_target(translation, user=user, publish=publish)
    return page.get_translation(locale).specific


def _save_target(translation: Translation, *, user=None, publish: bool = True) -> None:
    """``Translation.save_target``, but publishing at once rather than on commit.

    wagtail-localize publishes on commit from the page object it has in hand; inside a
    longer transaction (the demo loader, a batch of translations) that stale object would
    overwrite tree fields written since (a parent's child count). Save a draft, then
    publish the latest revision of a freshly loaded page.
    """
    translation.source.create_or_update_translation(
        translation.target_locale, user=user, publish=False, copy_parent_pages=True, fallback=True
    )
    if publish:
        target = translation.source.get_translated_instance(translation.target_locale)
        target = Page.objects.get(pk=target.pk).specific
        target.get_latest_revision().publish(user=user)


def sync_translations(page: Page, *, user=None, publish: bool = True) -> list[Page]:
    """Bring the source's synchronised fields (and new strings, untranslated) to every translation."""
    page = page.specific
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translated = []
    for translation in Translation.objects.filter(source=source, enabled=True).select_related("target_locale"):
        _save_target(translation, user=user, publish=publish)
        translated.append(page.get_translation(translation.target_locale).specific)
    return translated
