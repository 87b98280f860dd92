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

from copy import deepcopy

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)
from modelsearch.utils import deep_update

from .analysis import VIETNAMESE_ANALYSIS


class VietnameseMappingMixin:
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "vietnamese_folding",
    }


class PortalElasticsearch9Mapping(VietnameseMappingMixin, Elasticsearch9Mapping):
    pass


class PortalElasticsearch9SearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    mapping_class = PortalElasticsearch9Mapping


class PortalElasticsearch9AutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = PortalElasticsearch9Mapping


class PortalElasticsearch9SearchBackend(Elasticsearch9SearchBackend):
    mapping_class = PortalElasticsearch9Mapping
    query_compiler_class = PortalElasticsearch9SearchQueryCompiler
    autocomplete_query_compiler_class = PortalElasticsearch9AutocompleteQueryCompiler
    settings = deep_update(deepcopy(Elasticsearch9SearchBackend.settings), deepcopy(VIETNAMESE_ANALYSIS))
    #: The public search reads its own index, kept by ``search.mirror`` (docs/search.md).
    mirrors_public_search = True


SearchBackend = PortalElasticsearch9SearchBackend
