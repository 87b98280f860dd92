"""Wagtail's OpenSearch 3 backend with the same Vietnamese folding as the Elasticsearch one.

Configured as ``"BACKEND": "search.backends.opensearch3"`` when ``OPENSEARCH_URL``
is set (and ``ELASTICSEARCH_URL`` is not). The index settings, the autocomplete
analyzers and the public search index (``search.mirror``) are the same; only the
client library differs (opensearch-py).
"""

from __future__ import annotations

from copy import deepcopy

from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
)
from modelsearch.utils import deep_update

from .analysis import VIETNAMESE_ANALYSIS
from .elasticsearch9 import VietnameseMappingMixin


class PortalOpenSearch3Mapping(VietnameseMappingMixin, OpenSearch3Mapping):
    pass


class PortalOpenSearch3SearchQueryCompiler(OpenSearch3SearchQueryCompiler):
    mapping_class = PortalOpenSearch3Mapping


class PortalOpenSearch3AutocompleteQueryCompiler(OpenSearch3AutocompleteQueryCompiler):
    mapping_class = PortalOpenSearch3Mapping


class PortalOpenSearch3SearchBackend(OpenSearch3SearchBackend):
    mapping_class = PortalOpenSearch3Mapping
    query_compiler_class = PortalOpenSearch3SearchQueryCompiler
    autocomplete_query_compiler_class = PortalOpenSearch3AutocompleteQueryCompiler
    settings = deep_update(deepcopy(OpenSearch3SearchBackend.settings), deepcopy(VIETNAMESE_ANALYSIS))
    mirrors_public_search = True


SearchBackend = PortalOpenSearch3SearchBackend
