"""wagtail-localize's listing buttons, answered from the explorer's own query instead of two queries a row.

wagtail-localize adds "Translate this page" and "Sync translated pages" to every
row of the page explorer (``register_page_listing_more_buttons``) and asks, for
each row, whether a locale is left to translate into (one query) and whether the
page is the source of enabled translations (one query, two when it is a source):
100 queries for a listing of 50 news articles. ``annotate_translation_sources``
adds both answers to the explorer's own listing query, as wagtail-localize
asks them (Wagtail's ``_has_untranslated_locale`` counts an alias as a
translation, wagtail-localize does not, so it is not reused), and
``listing_more_buttons`` gives the same buttons from them. A page without them
(the header of the explorer and of the edit view, other listings) is annotated
alone, in one query instead of wagtail-localize's two or three, and keeps the
answers for the request (the edit view asks twice).

The edit view's action menu asks two more things of wagtail-localize, one
query each ("Start Synced translation", "Convert to alias page"):
``action_menu_answers`` asks both in one.

Installed by ``install()`` from ``CoreConfig.ready``.
"""

from __future__ import annotations

from urllib.parse import urlencode

#: The annotations: the id of the page's translation source when it has enabled translations (else None),
#: and whether a locale has no translation of the page yet (aliases not counted).
SOURCE_ANNOTATION = "_localize_synced_source_id"
UNTRANSLATED_ANNOTATION = "_localize_has_untranslated_locale"

_ORIGINAL = {}


def annotate_translation_sources(pages):
    """Annotate each page with wagtail-localize's two answers (see the module's docstring)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Exists, OuterRef, Subquery

    from wagtail.models import Locale, Page
    from wagtail_localize.models import TranslationSource

    translated = Page.objects.filter(translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True)
    untranslated = Exists(Locale.objects.exclude(id__in=translated.values("locale_id")))

    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        object__content_type=ContentType.objects.get_for_model(Page),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("pk")[:1]
    return pages.annotate(**{SOURCE_ANNOTATION: Subquery(sources), UNTRANSLATED_ANNOTATION: untranslated})


def listing_more_buttons(page, user, view_name=None, next_url=None):
    """wagtail-localize's ``page_listing_more_buttons``, from the row's annotations when it has them."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from wagtail.admin.widgets.button import Button as ListingButton
    from wagtail.models import Page

    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    if not (hasattr(page, UNTRANSLATED_ANNOTATION) and hasattr(page, SOURCE_ANNOTATION)):
        if not isinstance(page, Page) or page.pk is None:
            yield from _ORIGINAL["page_listing_more_buttons"](page, user, view_name=view_name, next_url=next_url)
            return
        answers = annotate_translation_sources(Page.objects.filter(pk=page.pk)).values_list(
            SOURCE_ANNOTATION, UNTRANSLATED_ANNOTATION
        )
        for source_id, untranslated in answers:
            setattr(page, SOURCE_ANNOTATION, source_id)
            setattr(page, UNTRANSLATED_ANNOTATION, untranslated)
        if not hasattr(page, SOURCE_ANNOTATION):
            return  # the page is gone
    if getattr(page, UNTRANSLATED_ANNOTATION):
        url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id])
        yield ListingButton(_("Translate this page"), url, priority=60, icon_name="wagtail-localize-language")
    source_id = getattr(page, SOURCE_ANNOTATION)
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def annotate_explorer_rows(self, pages):
    """The explorer's ``annotate_queryset``, plus the translation source of each row."""
    pages = _ORIGINAL["annotate_queryset"](self, pages)
    if self.i18n_enabled:
        pages = annotate_translation_sources(pages)
    return pages


#: What the edit view's two wagtail-localize action menu items ask, answered together, kept on the menu's context.
MENU_ANSWERS = "_localize_action_menu_answers"


def action_menu_answers(page) -> tuple[bool, bool]:
    """wagtail-localize's "Start Synced translation" and "Convert to alias page" conditions, in one query.

    - restart: a disabled translation of the page's translation key into the page's locale exists;
    - convert: the page is not an alias, and another page of its translation key exists in the locale
      of the translation source the page was translated from (wagtail-localize ``get``s that source
      and shows nothing when there is none).
    """
    from django.db.models import Exists, OuterRef

    from wagtail.models import Page
    from wagtail_localize.models import Translation, TranslationSource

    restart = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale_id=OuterRef("locale_id"), enabled=False
    )
    source_locales = TranslationSource.objects.filter(
        object_id=OuterRef(OuterRef("translation_key")),
        specific_content_type=OuterRef(OuterRef("content_type_id")),
        translations__target_locale=OuterRef(OuterRef("locale_id")),
    ).values("locale_id")
    convert = Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id__in=source_locales).exclude(
        pk=OuterRef("pk")
    )
    found = (
        Page.objects.filter(pk=page.pk)
        .annotate(restart=Exists(restart), convert=Exists(convert))
        .values_list("restart", "convert")
        .first()
    )
    if found is None:
        return False, False
    return bool(found[0]), bool(found[1]) and page.alias_of_id is None


def _menu_answers(context) -> tuple[bool, bool]:
    if MENU_ANSWERS not in context:
        context[MENU_ANSWERS] = action_menu_answers(context["page"])
    return context[MENU_ANSWERS]


def restart_translation_is_shown(self, context):
    return context["view"] == "edit" and _menu_answers(context)[0]


def convert_to_alias_is_shown(self, context):
    return context["view"] == "edit" and _menu_answers(context)[1]


def install() -> None:
    from django.apps import apps

    if not apps.is_installed("wagtail_localize") or _ORIGINAL:
        return
    from wagtail import hooks
    from wagtail.admin.views.pages.listing import IndexView
    from wagtail_localize import wagtail_hooks as localize_hooks

    original = localize_hooks.page_listing_more_buttons
    registered = hooks._hooks.get("register_page_listing_more_buttons", [])
    for i, (fn, order) in enumerate(registered):
        if fn is original:
            registered[i] = (listing_more_buttons, order)
    _ORIGINAL["page_listing_more_buttons"] = original
    _ORIGINAL["annotate_queryset"] = IndexView.annotate_queryset
    IndexView.annotate_queryset = annotate_explorer_rows
    for item, is_shown in (
        (localize_hooks.RestartTranslationPageActionMenuItem, restart_translation_is_shown),
        (localize_hooks.ConvertToAliasPageActionMenuItem, convert_to_alias_is_shown),
    ):
        _ORIGINAL[f"{item.__name__}.is_shown"] = item.is_shown
        item.is_shown = is_shown
