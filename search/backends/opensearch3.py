"""Wagtail's OpenSearch 3 backend with the same Vietnamese folding as the Elasticsearch one.

Configured as ``"BACKEND": "search.backends.opensearch3"`` when ``OPENSEARCH_URL``
is set (and ``ELASTICSEARCH_URL`` is not). The index settings, the autocomplete
analyzers and the public search index (``search.mirror``) are the same; only the
client library differs (opensearch-py).
"""

from __future__ import annotations

from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
)

from .analysis import vietnamese_backend

PortalOpenSearch3SearchBackend = vietnamese_backend(
    OpenSearch3SearchBackend,
    OpenSearch3Mapping,
    OpenSearch3SearchQueryCompiler,
    OpenSearch3AutocompleteQueryCompiler,
)

SearchBackend = PortalOpenSearch3SearchBackend
