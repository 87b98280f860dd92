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
