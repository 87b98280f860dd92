"""Vietnamese text handling for search: folding, query tokens, highlighting.

Folding removes every diacritic (stacked ones included), turns đ/Đ into d and
lower-cases, so "ĐỔI GIẤY PHÉP", "đổi giấy phép" and "doi giay phep" meet on
the same tokens. The index side of each backend folds the same way
(PostgreSQL through the ``portal_vi`` text search configuration built on
unaccent, SQLite through text folded here before it reaches FTS5,
Elasticsearch through asciifolding).
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.text import fold, fold_char

MAX_QUERY_LENGTH = 200
MAX_QUERY_TOKENS = 12

_WORD_RE = re.compile(r"\w+")


def clean_query(raw: str | None) -> str:
    """The query as typed, NFC-normalised, whitespace collapsed and length-capped."""
    text = unicodedata.normalize("NFC", raw or "")
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH]


def query_tokens(raw: str | None) -> list[str]:
    """Folded words of a query, in order, without repeats, at most MAX_QUERY_TOKENS."""
    tokens: list[str] = []
    for token in _WORD_RE.findall(fold(clean_query(raw)).replace("_", " ")):
        if token not in tokens:
            tokens.append(token)
    return tokens[:MAX_QUERY_TOKENS]


def padded_words(text: str | None) -> str:
    """The folded words of ``text`` between single spaces, padded: "Đổi giấy-phép" → " doi giay phep ".

    Split exactly like a query (``query_tokens``), so "the title has the exact
    phrase" is a substring test: ``" " + " ".join(tokens) + " "`` in it.
    """
    return " " + " ".join(_WORD_RE.findall(fold(text or "").replace("_", " "))) + " "


_LONG_NUMBER_RE = re.compile(r"\d{6,}")


def normalise_for_log(raw: str | None) -> str:
    """The form a query is counted under in the query log.

    Folded (so typing with or without diacritics counts as one query), and
    with long digit runs masked: citizens paste ID and dossier numbers into
    search boxes, and the log must not keep them.
    """
    return _LONG_NUMBER_RE.sub("#", " ".join(query_tokens(raw)))


def mask_for_log(raw: str | None) -> str:
    """The query as typed, for display in the report, with long digit runs masked."""
    return _LONG_NUMBER_RE.sub("#", clean_query(raw).lower())


# Highlighting ---------------------------------------------------------------


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and remember, for every folded character, where it came from."""
    out: list[str] = []
    positions: list[int] = []
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        if folded:
            out.append(folded)
            positions.append(i)
    return "".join(out), positions


def match_spans(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    """(start, end) spans of ``text`` whose folded words equal a query token."""
    if not text or not tokens:
        return []
    folded, positions = _folded_with_map(text)
    wanted = set(tokens)
    spans = []
    for match in _WORD_RE.finditer(folded):
        word = match.group(0)
        if word in wanted:
            start = positions[match.start()]
            end = positions[match.end() - 1] + 1
            spans.append((start, end))
    return spans


def highlight(text: str, tokens: list[str]) -> SafeString:
    """``text`` escaped, with the words the query matched wrapped in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    pieces: list[str] = []
    cursor = 0
    for start, end in match_spans(text, tokens):
        pieces.append(escape(text[cursor:start]))
        pieces.append("<mark>" + escape(text[start:end]) + "</mark>")
        cursor = end
    pieces.append(escape(text[cursor:]))
    # Every piece went through escape(): nothing the user or an editor typed is trusted.
    return mark_safe("".join(pieces))  # noqa: S308


def snippet(text: str, tokens: list[str], length: int = 240) -> SafeString:
    """The passage of ``text`` (about ``length`` characters) where the query's words sit closest, highlighted."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    if len(text) <= length:
        return highlight(text, tokens)
    spans = match_spans(text, tokens)
    start = 0
    if spans:
        # Pick the window that covers the most distinct query words.
        best = (-1, 0)
        folded_words = [fold(text[s:e]) for s, e in spans]
        for i, (s, _e) in enumerate(spans):
            window_end = s + length
            seen = {folded_words[j] for j in range(i, len(spans)) if spans[j][1] <= window_end}
            if len(seen) > best[0]:
                best = (len(seen), s)
        start = max(0, best[1] - length // 6)
        # Start on a word boundary.
        if start > 0:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 else 0
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    passage = text[start:end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(escape(prefix) + highlight(passage, tokens) + escape(suffix))  # noqa: S308
