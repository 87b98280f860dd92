"""Places in the shared templates where feature apps add their part, without base.html knowing them.

``{% page_slot "top" %}`` in a template renders, in hook order, what every
function registered under ``portal_slot_top`` returns for the template's
context (HTML, already escaped). The lower layer asks "who has something to
add?", the apps answer from their ``wagtail_hooks.py`` (docs/architecture.md).

Slots used today: ``top`` (alert banners, every page of every site),
``procedure_header`` (a procedure's journeys), ``page_end`` (page feedback).
"""

from __future__ import annotations

from django.utils.safestring import mark_safe

from wagtail import hooks


def hook_name(slot: str) -> str:
    return f"portal_slot_{slot}"


def render_slot(slot: str, context) -> str:
    parts = []
    for fn in hooks.get_hooks(hook_name(slot)):
        html = fn(context)
        if html:
            parts.append(str(html))
    return mark_safe("".join(parts))  # noqa: S308 - each hook returns rendered, escaped template output
