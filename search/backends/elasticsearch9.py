"""Wagtail's Elasticsearch 9 backend with Vietnamese folding.

Configured as ``"BACKEND": "search.backends.elasticsearch9"`` when
``ELASTICSEARCH_URL`` is set. Every text field is analysed by a ``default``
analyzer (standard tokenizer, lowercase, asciifolding with the original kept),
so "doi giay phep" finds "Đổi giấy phép" (Lucene's ASCII folding maps đ to d
and strips stacked Vietnamese accents), while a query typed with diacritics
still scores the exact form higher. Autocomplete's edge n-grams are searched
with the same folding analyzer instead of the unfolding ``standard``. No
stemming: Vietnamese syllables are words of their own.
"""

from __future__ import annotations

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)

from .analysis import vietnamese_backend

PortalElasticsearch9SearchBackend = vietnamese_backend(
    Elasticsearch9SearchBackend,
    Elasticsearch9Mapping,
    Elasticsearch9SearchQueryCompiler,
    Elasticsearch9AutocompleteQueryCompiler,
)

SearchBackend = PortalElasticsearch9SearchBackend
