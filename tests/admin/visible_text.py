"""The English of Wagtail's own catalogues that is still visible on an admin page.

A page's *visible text* is what a staff member reads: text nodes outside
``script``/``style``/``template``, the ``placeholder``, ``title``,
``aria-label`` and ``alt`` attributes, button values, and the labels of the
sidebar menu (rendered by JavaScript from a JSON script element). A segment is
*untranslated* when it is, whole, one of the msgids of the installed Wagtail
and wagtail-localize English catalogues whose Vietnamese differs (``%(name)s``
placeholders match any text). Page content (titles typed by editors) is data,
not a msgid, so the check does not mistake it.
"""

from __future__ import annotations

import html
import importlib
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib

from django.conf import settings
from django.utils import translation

SKIP_TAGS = {"script", "style", "template", "noscript", "svg", "textarea"}
VOID_TAGS = {"input", "img", "br", "hr", "meta", "link", "source", "col", "area", "base", "wbr"}
VISIBLE_ATTRS = ("placeholder", "title", "aria-label", "alt")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sd]|\{\w*\}")
#: Shown as they are, on purpose.
ALLOWED = {
    # Product and standard names.
    "Wagtail",
    "Wagtail API v2",
    "Wagtail API v3",
    "JSON",
    "PO",
    "URL",
    "ID",
    "CSV",
    "XLSX",
    # Wagtail's language names are each language's own name ("English" is the English tree's label).
    "English",
}


def installed_msgids() -> dict[str, str]:
    """msgid -> Vietnamese, for every string of the installed Wagtail and wagtail-localize catalogues."""
    return dict(_installed_msgids())


@cache
def _installed_msgids() -> tuple:
    found = {}
    for entry in settings.INSTALLED_APPS:
        name = entry.split(".apps.")[0]
        if name.split(".")[0] not in ("wagtail", "wagtail_localize"):
            continue
        locale = Path(importlib.import_module(name).__file__).parent / "locale" / "en" / "LC_MESSAGES"
        for domain in ("django", "djangojs"):
            path = locale / f"{domain}.po"
            if path.exists():
                for e in polib.pofile(str(path)):
                    if e.msgid and not e.obsolete:
                        found.setdefault(e.msgid, e)
                        if e.msgid_plural:
                            found.setdefault(e.msgid_plural, e)
    with translation.override("vi"):
        result = []
        for msgid, e in found.items():
            if e.msgctxt:
                vi = translation.pgettext(e.msgctxt, msgid)
            elif e.msgid_plural:
                vi = translation.ngettext(e.msgid, e.msgid_plural, 2)
            else:
                vi = translation.gettext(msgid)
            result.append((msgid, vi))
    return tuple(result)


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.hidden: list[str] = []  # the tags of the open elements marked ``hidden``
        self.segments: list[str] = []
        self.json_scripts: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in VOID_TAGS and (self.hidden or "hidden" in attrs):
            return
        if self.hidden and tag == self.hidden[-1] or "hidden" in attrs:
            self.hidden.append(tag)
            return
        if self.hidden:
            return
        if tag in SKIP_TAGS:
            self.skip += 1
            self._in_json = tag == "script" and attrs.get("type") == "application/json"
        for name in VISIBLE_ATTRS:
            if attrs.get(name):
                self.segments.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.segments.append(attrs["value"])

    def handle_endtag(self, tag):
        if self.hidden:
            if tag == self.hidden[-1]:
                self.hidden.pop()
            return
        if tag in SKIP_TAGS and self.skip:
            self.skip -= 1
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_scripts.append(data)
        elif not self.skip and not self.hidden:
            self.segments.append(data)


def _labels(node, out):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("label", "title") and isinstance(value, str):
                out.append(value)
            else:
                _labels(value, out)
    elif isinstance(node, list):
        for value in node:
            _labels(value, out)


def visible_segments(page_html: str) -> list[str]:
    parser = _Visible()
    parser.feed(page_html)
    segments = list(parser.segments)
    for data in parser.json_scripts:
        try:
            _labels(json.loads(data), segments)
        except ValueError:
            continue
    cleaned = []
    for segment in segments:
        text = " ".join(html.unescape(segment).split())
        if text and re.search(r"[A-Za-z]", text):
            cleaned.append(text)
    return cleaned


@cache
def _patterns() -> tuple:
    exact, patterns = set(), []
    for msgid, vi in installed_msgids().items():
        if vi == msgid or "<" in msgid:
            continue
        text = " ".join(msgid.split())
        if text in ALLOWED:
            continue
        if PLACEHOLDER.search(text):
            # Too little literal text ("%(n)s page") would match editors' own words ("Root page").
            literal = PLACEHOLDER.sub(" ", text)
            if len(re.findall(r"[A-Za-z]{2,}", literal)) < 2 or len(re.findall(r"[A-Za-z]", literal)) < 8:
                continue
            parts, pos = [], 0
            for match in PLACEHOLDER.finditer(text):
                parts.append(re.escape(text[pos : match.start()]))
                parts.append(".+?")
                pos = match.end()
            parts.append(re.escape(text[pos:]))
            patterns.append((msgid, re.compile("".join(parts))))
        else:
            exact.add(text)
    return frozenset(exact), tuple(patterns)


def untranslated(page_html: str) -> list[str]:
    """The visible segments that are an installed English msgid still in English."""
    exact, patterns = _patterns()
    found = []
    for segment in visible_segments(page_html):
        if segment in exact or segment.rstrip(":").strip() in exact:
            found.append(segment)
            continue
        for msgid, regex in patterns:
            if regex.fullmatch(segment):
                found.append(f"{segment}  (msgid: {msgid})")
                break
    return sorted(set(found))
