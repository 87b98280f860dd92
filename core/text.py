"""Vietnamese text folding: the one function search, slugs and file names share.

Folding removes every diacritic (stacked ones included), turns đ/Đ into d and
lower-cases, so "ĐỔI GIẤY PHÉP", "đổi giấy phép" and "doi giay phep" meet on
the same letters.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from django.utils.text import slugify


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character, folded: may be empty (a stray combining mark) but is never longer than one."""
    if ch in "đĐ":
        return "d"
    if ch < "\u0080":
        return ch.lower()
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return base[:1]


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for start, end in ((0x41, 0x5A), (0xC0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF)):
        for cp in range(start, end + 1):
            folded = fold_char(chr(cp))
            if folded != chr(cp):
                table[cp] = folded or None
    return table


_FOLD_TABLE = _build_table()


def fold(text: str) -> str:
    """Diacritic- and case-insensitive form of ``text``: "Đổi Giấy" → "doi giay"."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE).lower()


def slugify_vi(text: str, max_length: int = 255, default: str = "") -> str:
    """A URL slug of Vietnamese text: "Đổi giấy phép lái xe" → "doi-giay-phep-lai-xe"."""
    return slugify(fold(text))[:max_length].strip("-") or default
