"""The Vietnamese analysis shared by the Elasticsearch and OpenSearch backends and the public index.

Every text field is analysed by a ``default`` analyzer (standard tokenizer,
lowercase, ASCII folding with the original kept), so "doi giay phep" finds
"Đổi giấy phép" (Lucene's ASCII folding maps đ to d and strips stacked
Vietnamese accents) while a query typed with diacritics still scores the exact
form higher. No stemming: Vietnamese syllables are words of their own.
"""

VIETNAMESE_FOLDING_FILTER = {"type": "asciifolding", "preserve_original": True}
VIETNAMESE_FOLDING_ANALYZER = {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "vietnamese_folding"]}

VIETNAMESE_ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {"vietnamese_folding": VIETNAMESE_FOLDING_FILTER},
            "analyzer": {
                # Used for every text field that names no analyzer, at index and search time.
                "default": VIETNAMESE_FOLDING_ANALYZER,
                "vietnamese_folding": VIETNAMESE_FOLDING_ANALYZER,
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "edgengram"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "ngram"],
                },
            },
        }
    }
}


class VietnameseMappingMixin:
    """Autocomplete's edge n-grams searched with the folding analyzer, not the unfolding ``standard``."""

    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "vietnamese_folding",
    }


def vietnamese_backend(backend, mapping, query_compiler, autocomplete_compiler):
    """Wagtail's search backend class ``backend`` with the Vietnamese mapping and index settings.

    The Elasticsearch 9 and OpenSearch 3 backends (elasticsearch9.py, opensearch3.py)
    differ only in the Wagtail classes they start from; each is this function of them.
    """
    from copy import deepcopy

    from modelsearch.utils import deep_update

    class Mapping(VietnameseMappingMixin, mapping):
        pass

    class QueryCompiler(query_compiler):
        mapping_class = Mapping

    class AutocompleteQueryCompiler(autocomplete_compiler):
        mapping_class = Mapping

    class Backend(backend):
        mapping_class = Mapping
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler
        settings = deep_update(deepcopy(backend.settings), deepcopy(VIETNAMESE_ANALYSIS))
        #: The public search reads its own index, kept by ``search.mirror`` (docs/search.md).
        mirrors_public_search = True

    for made, base in ((Mapping, mapping), (QueryCompiler, query_compiler),
                       (AutocompleteQueryCompiler, autocomplete_compiler), (Backend, backend)):  # fmt: skip
        made.__name__ = made.__qualname__ = f"Portal{base.__name__}"
    return Backend
