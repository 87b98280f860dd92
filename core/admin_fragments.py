"""Parts of admin views built once and kept in the process (issue #18, target 5, fourth pass).

The explorer's filter drawer, the editor's packed edit handler, the header's
breadcrumbs, the StreamField definitions and the page form classes; each is
described below or in its function, and each is rebuilt when what it shows can
have changed.

**The explorer's filter drawer.** Every explorer view renders the "Filter by"
drawer: page type, date, owner, editor, site, locale, child pages, status. Its
checkboxes come from four queries (the user's sites, the owners and editors of
pages in the user's subtrees, the page types) and ~30 Django form widgets:
~20 ms of a ~80 ms explorer view on the machine of docs/performance.md. The
drawer depends only on the filter form: its bound data (the query string), its
choices and the language. Kept here per process, keyed by

- the admin generation (``core.admin_cache``: users, groups, permissions,
  sites, locales — who may see which site, every name shown),
- the *listing generation*, bumped by any page saved or deleted and any page
  log entry written (page owners; "edited by" is read from the log),
- the user (the choices follow the user's subtrees), the language, the form's
  class and the sorted query string.

A cold drawer is Wagtail's own template, rendered as Wagtail renders it
(``templates/wagtailadmin/shared/headers/_filters.html`` renders the next
template of that name, Wagtail's, on a miss).

**The edit view's telepath packing.** The page editor packs its whole edit
handler for the browser (``JSContext.pack``): for every field, its widget is
rendered a second time with a placeholder name, and the StreamField and rich
text widgets pack their block definitions, ~10 ms per edit view. The packed
form does not depend on the page's values, only on the panels shown to the user,
their widgets and the widgets' choices. ``KeptPackContext`` describes exactly
those (each bound panel's options, each widget's class, attributes and choices,
read again on every request) and reuses the packed data and its media when the
description is the same. A value it cannot describe (an object of a type not
listed in ``_describe``) means no reuse: the form is packed as Wagtail packs
it.

They live in per-process memos, not in the shared cache: they follow the code
(templates, panels, widgets) of the process that built them, so a deploy starts
afresh; the generations they are keyed by are shared (Redis), so a change made
through any process is seen by every process on its next request.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import hashlib
import secrets
import threading
import types
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from .admin_cache import LISTING_GENERATION_KEY, USER_GENERATIONS_ATTR, _unwrap

PACK_MEMO_SIZE = 256
DRAWER_MEMO_SIZE = 512
BREADCRUMBS_MEMO_SIZE = 2048
#: Rendered page forms are large (~100 KB for a procedure): a few dozen per process.
FORM_MEMO_SIZE = 48
USER_PARTS_MEMO_SIZE = 1024


class _Memo:
    """A small thread-safe LRU of rendered parts (per process)."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def set(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


drawers = _Memo(DRAWER_MEMO_SIZE)
packs = _Memo(PACK_MEMO_SIZE)
breadcrumbs = _Memo(BREADCRUMBS_MEMO_SIZE)
form_contents = _Memo(FORM_MEMO_SIZE)
user_parts = _Memo(USER_PARTS_MEMO_SIZE)


def _digest(parts) -> str:
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


# The listing generation ------------------------------------------------------------------------


def bump_listing(**kwargs) -> None:
    cache.set(LISTING_GENERATION_KEY, secrets.token_hex(8), None)


def generations_of(user) -> tuple | None:
    """``(generation, listing generation, user pk)`` of a signed-in admin user, or None.

    ``AdminUserCacheMiddleware`` puts both generations on the user object for the
    request; without them (another path, the admin cache off) nothing is kept.
    """
    user = _unwrap(user)
    generations = getattr(user, "__dict__", {}).get(USER_GENERATIONS_ATTR)
    if generations is None or not user.is_authenticated:
        return None
    return (*generations, user.pk)


def connect_signals() -> None:
    from wagtail.models import Page, PageLogEntry
    from wagtail.signals import post_page_move

    def on_page(sender, instance, **kwargs):
        if isinstance(instance, Page):
            bump_listing()

    post_save.connect(on_page, dispatch_uid="admincache-listing-page-save", weak=False)
    post_delete.connect(on_page, dispatch_uid="admincache-listing-page-delete", weak=False)
    post_save.connect(bump_listing, sender=PageLogEntry, dispatch_uid="admincache-listing-log")
    post_delete.connect(bump_listing, sender=PageLogEntry, dispatch_uid="admincache-listing-log-delete")
    post_page_move.connect(bump_listing, dispatch_uid="admincache-listing-page-moved")
    # What a kept page form shows besides its values: the chosen documents' and images' titles and
    # the page's comments (``kept_form_content``).
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Comment, CommentReply

    for model in (get_document_model(), get_image_model(), Comment, CommentReply):
        label = model._meta.label_lower
        post_save.connect(bump_listing, sender=model, dispatch_uid=f"admincache-listing-{label}-save")
        post_delete.connect(bump_listing, sender=model, dispatch_uid=f"admincache-listing-{label}-delete")


# The explorer's filter drawer ------------------------------------------------------------------


def drawer_key(request, filters) -> str | None:
    """What the filter drawer depends on, or None when it must be rendered (no generation, no user)."""
    scope = generations_of(getattr(request, "user", None))
    form = getattr(filters, "form", None)
    if scope is None or form is None:
        return None
    data = sorted((key, tuple(values)) for key, values in form.data.lists()) if form.is_bound else None
    return _digest(
        (
            scope,
            translation.get_language(),
            type(filters).__module__,
            type(filters).__qualname__,
            form.prefix,
            data,
        )
    )


def render_drawer(request, filters, render) -> str:
    """The drawer's HTML: kept (``drawer_key``) or ``render()`` (Wagtail's template) and kept."""
    key = drawer_key(request, filters)
    if key is None:
        return render()
    html = drawers.get(key)
    if html is None:
        html = str(render())
        drawers.set(key, html)
    return html


# A user's part of a page, kept while no page, setting or permission changed ----------------------


def kept_for_user(name: str, user, render, *extra) -> str:
    """``render()``, kept per process for ``user`` while both generations and ``extra`` are the same.

    For an admin part drawn from the user's pages (saved, moved or deleted:
    the listing generation) and from who may see what (the admin generation),
    such as a dashboard panel; ``extra`` holds anything else it shows (the
    date, for a panel of dates). Without generations (no admin request) it is
    rendered every time.
    """
    scope = generations_of(user)
    if scope is None:
        return render()
    key = _digest((name, scope, translation.get_language(), extra))
    html = user_parts.get(key)
    if html is None:
        html = render()
        user_parts.set(key, html)
    return html


# The page header's breadcrumbs -----------------------------------------------------------------


def kept_breadcrumbs(build):
    """Wagtail's ``get_breadcrumbs_items_for_page`` for ``{% page_breadcrumbs %}``, kept per page and user.

    The explorer's and the editor's header list the page's ancestors from the
    user's explorable root, with each one's latest title (a query for the
    ancestors, their specific titles, a URL each: ~2 ms). They change when a
    page is saved, moved or deleted (the listing generation) or when the user's
    permissions change (the admin generation, which moves the explorable root).
    """

    def get_breadcrumbs_items_for_page(page, user, *args, **kwargs):
        scope = generations_of(user)
        if scope is None or getattr(page, "pk", None) is None:
            return build(page, user, *args, **kwargs)
        key = _digest((scope, translation.get_language(), page.pk, args, sorted(kwargs.items())))
        items = breadcrumbs.get(key)
        if items is None:
            items = build(page, user, *args, **kwargs)
            breadcrumbs.set(key, [dict(item) for item in items])
        return [dict(item) for item in items]  # the tag appends to the list

    return get_breadcrumbs_items_for_page


# The edit view's packed edit handler -----------------------------------------------------------


class _Undescribable(Exception):
    """A value whose content the key cannot capture: pack as Wagtail does."""


def _choices(choices) -> list:
    found = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # an optgroup
            found.append((str(value), _choices(label)))
        else:
            found.append((str(getattr(value, "value", value)), str(label)))
    return found


@functools.cache
def _kinds() -> tuple:
    from django import forms
    from django.forms.widgets import ChoiceWidget
    from django.utils.functional import Promise

    from wagtail.admin.panels import Panel
    from wagtail.admin.widgets.chooser import BaseChooser
    from wagtail.blocks import Block
    from wagtail.blocks.base import BlockWidget

    return Promise, Panel.BoundPanel, forms.Widget, ChoiceWidget, BaseChooser, Block, BlockWidget


def _describe_items(value, out: list, depth: int, describe) -> None:
    """A dict (by sorted key) or a sequence, each item described by ``describe``."""
    if isinstance(value, dict):
        out.append("{")
        for key in sorted(value, key=str):
            out.append(str(key))
            describe(value[key], out, depth + 1)
        out.append("}")
    else:
        out.append("[")
        for item in value:
            describe(item, out, depth + 1)
        out.append("]")


def _describe(value, out: list, depth: int = 0) -> None:
    """Append to ``out`` everything the packed form of ``value`` depends on."""
    promise, bound_panel, widget, choice_widget, chooser, block, block_widget = _kinds()
    if depth > 64:
        raise _Undescribable("too deep")
    if value is None or isinstance(value, (str, int, float, bool)):
        out.append(value)
    elif isinstance(value, promise):
        out.append(str(value))
    elif isinstance(value, (dict, list, tuple)):
        _describe_items(value, out, depth, _describe)
    elif isinstance(value, bound_panel):
        out.append(("panel", type(value).__module__, type(value).__qualname__))
        _describe(value.telepath_pack(None), out, depth + 1)
    elif isinstance(value, block_widget):
        # A StreamField: its definition (the rest of its attributes are caches of it) and its attributes.
        out.append(("block widget", type(value).__module__, type(value).__qualname__, id(value.block_def)))
        _describe(value.attrs, out, depth + 1)
    elif isinstance(value, widget):
        out.append(("widget", type(value).__module__, type(value).__qualname__))
        for name in sorted(value.__dict__):
            item = value.__dict__[name]
            if name in ("choices", "_choices"):
                if isinstance(value, chooser) and not isinstance(value, choice_widget):
                    continue  # a chooser draws the chosen object, never the list (ModelChoiceField sets it)
                out.append(name)
                out.append(_choices(item))
            else:
                out.append(name)
                _describe(item, out, depth + 1)
    elif isinstance(value, block):
        # Block definitions are built once, with the model's fields, and live as long as the process.
        out.append(("block", type(value).__qualname__, id(value)))
    elif isinstance(value, type):
        out.append(("class", value.__module__, value.__qualname__))
    elif isinstance(value, types.FunctionType) and "<" not in value.__qualname__:
        out.append(("function", value.__module__, value.__qualname__))  # a module's function, not a closure
    else:
        raise _Undescribable(type(value).__qualname__)


def pack_key(bound_panel) -> str | None:
    """``_pack_key``, described once per bound panel and language (the pack and the form content both ask)."""
    kept = bound_panel.__dict__.setdefault("_portal_pack_keys", {})
    language = translation.get_language()
    if language not in kept:
        kept[language] = _pack_key(bound_panel)
    return kept[language]


def _pack_key(bound_panel) -> str | None:
    scope = generations_of(getattr(getattr(bound_panel, "request", None), "user", None))
    if scope is None:
        return None
    # Not the listing generation: pages saved elsewhere change nothing a form packs.
    generation, _listing, user_pk = scope
    parts: list = [generation, user_pk, translation.get_language(), type(bound_panel.instance).__qualname__]
    try:
        _describe(bound_panel, parts)
    except _Undescribable:
        return None
    return _digest(parts)


# The page editor's form, rendered ------------------------------------------------------------------


@functools.cache
def _value_kinds() -> tuple:
    from django.db.models import Model

    from wagtail.blocks import StreamValue

    return Model, StreamValue


def _describe_value(value, out: list, depth: int = 0) -> None:
    """Append a form field's value (``BoundField.value()``) to ``out``; raise ``_Undescribable`` if unsure."""
    model, stream_value = _value_kinds()
    if depth > 32:
        raise _Undescribable("too deep")
    if value is None or isinstance(value, (str, int, float, bool)):
        out.append((type(value).__name__, value))
    elif isinstance(value, (datetime.date, datetime.time, decimal.Decimal, uuid.UUID)):
        out.append((type(value).__name__, value.isoformat() if hasattr(value, "isoformat") else str(value)))
    elif isinstance(value, (dict, list, tuple)):
        _describe_items(value, out, depth, _describe_value)
    elif isinstance(value, model):
        # The object's name is what the widget shows (a tag's name, a subject's name).
        out.append(("model", value._meta.label, value.pk, str(value)))
    elif isinstance(value, stream_value):
        out.append(("stream", value.stream_block.name))
        _describe_value(value.get_prep_value(), out, depth + 1)
    else:
        raise _Undescribable(type(value).__qualname__)


def _describe_form(form, out: list) -> None:
    """Every value a form, its formsets and their forms render (unbound forms only)."""
    if form.is_bound:
        raise _Undescribable("a bound form (its errors are rendered)")
    out.append(("form", type(form).__qualname__, form.prefix))
    for name in form.fields:
        out.append(name)
        _describe_value(form[name].value(), out)
    for name, formset in getattr(form, "formsets", {}).items():
        out.append(("formset", name, formset.prefix, formset.total_form_count()))
        _describe_form(formset.management_form, out)
        for child in formset.forms:
            _describe_form(child, out)
        _describe_form(formset.empty_form, out)


def _read_only(bound_panel) -> bool:
    if getattr(bound_panel, "read_only", False):
        return True
    return any(_read_only(child) for child in getattr(bound_panel, "children", ()))


def form_content_key(bound_panel) -> str | None:
    """What the editor's rendered form depends on, or None when it must be rendered.

    The panels, widgets and choices (``pack_key``), every value of the form and
    of its formsets (inline panels, comments), both generations (the listing
    generation moves with any page, document, image or comment saved: the
    titles of chosen objects, the page's publishing permissions, its
    comments), the user, the language and the time zone. Only for a page's
    unbound form (a GET), without read-only panels (they show the instance,
    not the form).
    """
    from django.utils import timezone

    from wagtail.models import Page

    request = getattr(bound_panel, "request", None)
    form = getattr(bound_panel, "form", None)
    instance = getattr(bound_panel, "instance", None)
    if request is None or request.method != "GET" or form is None or not isinstance(instance, Page):
        return None
    scope = generations_of(getattr(request, "user", None))
    panels = pack_key(bound_panel)
    if scope is None or panels is None or _read_only(bound_panel):
        return None
    parts: list = [panels, scope, timezone.get_current_timezone_name(), instance.pk]
    try:
        _describe_form(form, parts)
    except _Undescribable:
        return None
    return _digest(parts)


def kept_form_content(render):
    """Wagtail's ``BoundPanel.render_form_content``, kept while ``form_content_key`` is the same.

    The page editor renders each field through its panel's template and its
    widget's (~40 % of an edit view); an editor opens the same page, unchanged,
    again and again. The form's values are read on every request, so a kept
    form never shows a stale value.
    """

    def render_form_content(self):
        key = form_content_key(self)
        if key is None:
            return render(self)
        html = form_contents.get(key)
        if html is None:
            html = render(self)
            form_contents.set(key, html)
        return html

    return render_form_content


def kept_pack_context_class(base):
    """A ``JSContext`` whose ``pack`` of a whole edit handler is reused while ``pack_key`` is the same."""
    from wagtail.admin.panels import Panel

    class KeptPackContext(base):
        def pack(self, obj):
            key = pack_key(obj) if isinstance(obj, Panel.BoundPanel) else None
            if key is None:
                return super().pack(obj)
            kept = packs.get(key)
            if kept is not None:
                data, media, fragments = kept
                self.media = media
                self.media_fragments = set(fragments)
                return data
            data = super().pack(obj)
            packs.set(key, (data, self.media, frozenset(self.media_fragments)))
            return data

    KeptPackContext.__name__ = KeptPackContext.__qualname__ = "KeptPackContext"
    return KeptPackContext


# StreamField definitions, packed once per process and language ---------------------------------

_block_json: dict = {}


def kept_block_json(build):
    """Wagtail's ``BlockWidget._build_block_json``, once per block definition and language.

    Every StreamField widget packs its block definition (each child block's
    widget rendered with a placeholder) on every request, because the form and
    its widgets are built anew. The definition is built once, with the model,
    and Wagtail itself keeps each block's form field for the life of the
    process; so its packed form depends only on the language of its labels.
    """

    def _build_block_json(self):
        key = (id(self.block_def), translation.get_language())
        kept = _block_json.get(key)
        if kept is not None and kept[0] is self.block_def:
            _definition, self._js_context, self._block_json = kept
            return
        build(self)
        _block_json[key] = (self.block_def, self._js_context, self._block_json)

    return _build_block_json


# Form classes, built once per edit handler -------------------------------------------------------


def kept_form_class(build):
    """Wagtail's ``Panel.get_form_class``, built once per panel definition instead of once per request.

    The page editor builds its ``ModelForm`` class (and one per inline formset)
    from the edit handler's panels on every request, ~1.5 ms of an edit view.
    The class depends only on the panel definition, which Wagtail itself keeps
    for the life of the process (``get_edit_handler`` is a cached classmethod);
    what a user may change is decided per form instance (permissioned fields).
    """

    def get_form_class(self):
        form_class = self.__dict__.get("_portal_form_class")
        if form_class is None:
            form_class = self.__dict__["_portal_form_class"] = build(self)
        return form_class

    return get_form_class


_INSTALLED = False
_WAGTAIL_GET_FORM_CLASS = None


def install() -> None:
    """Use ``KeptPackContext`` in Wagtail's page edit and create views; watch what the drawer shows."""
    global _INSTALLED
    from django.conf import settings

    if _INSTALLED or not getattr(settings, "ADMIN_USER_CACHE", True):
        return
    _INSTALLED = True
    from wagtail.admin.views.pages import create, edit
    from wagtail.blocks.base import BlockWidget

    for module in (edit, create):
        module.JSContext = kept_pack_context_class(module.JSContext)
    from wagtail.admin.templatetags import wagtailadmin_tags

    wagtailadmin_tags.get_breadcrumbs_items_for_page = kept_breadcrumbs(
        wagtailadmin_tags.get_breadcrumbs_items_for_page
    )
    BlockWidget._build_block_json = kept_block_json(BlockWidget._build_block_json)
    from wagtail.admin.panels import Panel

    global _WAGTAIL_GET_FORM_CLASS
    _WAGTAIL_GET_FORM_CLASS = Panel.get_form_class
    Panel.get_form_class = kept_form_class(Panel.get_form_class)
    Panel.BoundPanel.render_form_content = kept_form_content(Panel.BoundPanel.render_form_content)
    connect_signals()


def installed() -> bool:
    return _INSTALLED
