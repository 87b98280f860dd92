"""Elasticsearch: configured with Vietnamese folding; when unreachable, the database answers.

No Elasticsearch server runs here and none is faked: the fallback test points
the backend at a closed local port (127.0.0.1:9), a real unreachable server.
"""

import logging

import pytest

from wagtail.search.backends import get_search_backend

from search.engines import ElasticsearchEngine

from .test_search_page import PORTAL, result_titles

CLOSED_PORT = "http://127.0.0.1:9"


def elasticsearch_settings(url):
    return {
        "default": {
            "BACKEND": "search.backends.elasticsearch9",
            "URLS": [url],
            "INDEX_PREFIX": "portal_test_",
            "TIMEOUT": 2,
            "OPTIONS": {"max_retries": 0},
            "AUTO_UPDATE": True,
        },
        "search_fallback": {"BACKEND": "search.backends.database", "AUTO_UPDATE": True},
    }


def test_index_settings_fold_vietnamese_without_stemming(settings):
    settings.WAGTAILSEARCH_BACKENDS = elasticsearch_settings(CLOSED_PORT)
    backend = get_search_backend("default")  # builds the client; does not connect
    analysis = backend.settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["tokenizer"] == "standard"
    assert default["filter"] == ["lowercase", "vietnamese_folding"]
    assert analysis["filter"]["vietnamese_folding"] == {"type": "asciifolding", "preserve_original": True}
    assert not any("stem" in str(f) for a in analysis["analyzer"].values() for f in a.get("filter", []))
    # Autocomplete n-grams are folded at index time and queries are folded the same way.
    assert "asciifolding" in analysis["analyzer"]["edgengram_analyzer"]["filter"]
    assert backend.mapping_class.edgengram_analyzer_config["search_analyzer"] == "vietnamese_folding"
    # Wagtail's own defaults are kept (n-gram filters), and the base class is left untouched.
    assert "edgengram" in analysis["filter"]
    from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

    assert "default" not in Elasticsearch9SearchBackend.settings["settings"]["analysis"]["analyzer"]


@pytest.fixture
def unreachable_elasticsearch(settings, sample_procedures):
    """Sample procedures indexed by the database backend, then Elasticsearch configured at a closed port."""
    settings.WAGTAILSEARCH_BACKENDS = elasticsearch_settings(CLOSED_PORT)
    ElasticsearchEngine.reset()
    yield
    ElasticsearchEngine.reset()


def test_unreachable_elasticsearch_falls_back_to_the_database_and_logs_it(client, unreachable_elasticsearch, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.search"):
        response = client.get("/search/", {"q": "doi giay phep lai xe"}, HTTP_HOST=PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert result_titles(html)[0] == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    assert any("Elasticsearch unreachable" in record.getMessage() for record in caplog.records)
    # Within the retry window the next search does not wait for Elasticsearch again.
    assert ElasticsearchEngine.is_marked_down()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="portal.search"):
        again = client.get("/search/", {"q": "dang ky khai sinh"}, HTTP_HOST=PORTAL)
    assert result_titles(again.content.decode())[0] == "Đăng ký khai sinh"
    assert not caplog.records


def test_publishing_while_elasticsearch_is_down_still_updates_the_fallback_index(client, unreachable_elasticsearch):
    from search.models import SearchDocument

    page = SearchDocument.objects.get(code="HT-GTVT-001", locale__language_code="vi").page.specific
    page.unpublish()  # Elasticsearch indexing fails (logged); the database index is updated
    assert SearchDocument.objects.get(page_id=page.pk).live is False
    html = client.get("/search/", {"q": "doi giay phep lai xe"}, HTTP_HOST=PORTAL).content.decode()
    assert "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp" not in result_titles(html)
