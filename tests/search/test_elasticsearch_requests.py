"""What the portal sends a search cluster, byte for byte, and what it makes of the answers.

No Elasticsearch or OpenSearch server can run here, and none is faked: the real
client libraries (elasticsearch-py 9, opensearch-py 3) are configured through
the project's settings, as in production, with one difference, the transport
node (``OPTIONS: node_class`` / ``connection_class``). It records the HTTP
request the client would put on the wire and answers with a response in the
cluster's documented format (tests/search/recorded/). docs/search.md says what
has and has not run against a real cluster.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport._node._base import NodeApiResponse
from opensearchpy import Connection

from search import mirror
from search.engines import ElasticsearchEngine
from search.models import PendingIndexUpdate, SearchDocument
from sites.models import Agency

from .test_search_page import PORTAL, TRANSPORT, result_titles

RECORDED = Path(__file__).parent / "recorded"
INDEX = "portal_test_public_documents"


class Cluster:
    """The requests the client sent and the answers it gets, shared by the transport nodes of one test."""

    def __init__(self):
        self.requests: list[tuple[str, str, bytes | None]] = []
        self.answers: dict[str, tuple[int, object]] = {}
        self.down = False

    def answer(self, method: str, target: str, body: bytes | None) -> tuple[int, bytes]:
        if self.down:
            raise TransportConnectionError("Connection refused (recorded: cluster down)")
        self.requests.append((method, target, body))
        path = urlsplit(target).path
        for pattern, (status, payload) in self.answers.items():
            if re.fullmatch(pattern, f"{method} {path}"):
                return status, payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        return 404, json.dumps({"error": {"type": "index_not_found_exception"}, "status": 404}).encode()

    def searches(self) -> list[tuple[dict, dict]]:
        """(query string, JSON body) of every search request."""
        return [
            (parse_qs(urlsplit(target).query), json.loads(body))
            for method, target, body in self.requests
            if urlsplit(target).path.endswith("/_search")
        ]

    def bulk_lines(self) -> list[dict]:
        lines = []
        for _method, target, body in self.requests:
            if urlsplit(target).path == "/_bulk":
                lines += [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        return lines


CLUSTER = Cluster()


class RecordingNode(BaseNode):
    """elastic-transport node: the request elasticsearch-py serialised, answered from ``CLUSTER``."""

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        status, data = CLUSTER.answer(method, target, body)
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders({"content-type": "application/json", "x-elastic-product": "Elasticsearch"}),
            duration=0.001,
            node=self.config,
        )
        return NodeApiResponse(meta, data)


class RecordingConnection(Connection):
    """opensearch-py connection: the same, for the OpenSearch client."""

    def perform_request(self, method, url, params=None, body=None, timeout=None, ignore=(), headers=None):
        params = {k: v.decode() if isinstance(v, bytes) else v for k, v in (params or {}).items()}
        target = url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
        if isinstance(body, str):
            body = body.encode()
        try:
            status, data = CLUSTER.answer(method, target, body)
        except TransportConnectionError as error:
            from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError

            raise OpenSearchConnectionError("N/A", str(error), error) from error
        if not (200 <= status < 300) and status not in ignore:
            self._raise_error(status, data.decode())
        return status, {"content-type": "application/json"}, data.decode()


def cluster_settings(kind: str = "elasticsearch") -> dict:
    backend, options = {
        "elasticsearch": ("search.backends.elasticsearch9", {"node_class": RecordingNode, "max_retries": 0}),
        "opensearch": ("search.backends.opensearch3", {"connection_class": RecordingConnection, "max_retries": 0}),
    }[kind]
    return {
        "default": {
            "BACKEND": backend,
            "URLS": ["http://search.invalid:9200"],
            "INDEX_PREFIX": "portal_test_",
            "TIMEOUT": 2,
            "OPTIONS": options,
            "AUTO_UPDATE": False,
        },
        "search_fallback": {"BACKEND": "search.backends.database", "AUTO_UPDATE": True},
    }


@pytest.fixture
def cluster(settings):
    global CLUSTER
    CLUSTER = Cluster()
    settings.WAGTAILSEARCH_BACKENDS = cluster_settings()
    ElasticsearchEngine.reset()
    mirror._index_ready.clear()
    yield CLUSTER
    ElasticsearchEngine.reset()
    mirror._index_ready.clear()


def recorded(name: str, ids: dict[str, int]) -> dict:
    """A recorded response, its ``{CODE}`` placeholders replaced by the page ids of this database."""
    text = (RECORDED / name).read_text()
    return json.loads(re.sub(r"\{([A-Z0-9-]+)\}", lambda m: str(ids[m.group(1)]), text))


@pytest.fixture
def page_ids(sample_procedures, network):
    """Placeholders of the recorded responses: procedure codes and ``AGENCY-<SLUG>``, as ids of this database."""
    ids = {code: page.pk for code, page in sample_procedures.items()}
    ids.update({f"AGENCY-{slug.upper()}": agency.pk for slug, agency in network.items()})
    return ids


def expected_body(locale_id: int, selected: dict, offset: int = 0, query: str = "cap") -> dict:
    """The body the engine must send: matching, scope, post_filter, disjunctive aggregations, total order."""

    def terms(leave_out=None):
        return [{"term": {name: value}} for name, value in selected.items() if name != leave_out]

    return {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": query,
                            "type": "cross_fields",
                            "fields": ["title^10", "body"],
                            "operator": "and",
                        }
                    }
                ],
                "should": [
                    {"match_phrase": {"title": {"query": query, "boost": 20}}},
                    {"match": {"title": {"query": query, "operator": "and", "boost": 8}}},
                    {"match_phrase": {"body": {"query": query, "boost": 3}}},
                ],
                "filter": [{"term": {"locale_id": locale_id}}, {"term": {"live": True}}],
                "must_not": [],
            }
        },
        "post_filter": {"bool": {"filter": terms()}},
        "aggs": {
            "network": {"filter": {"bool": {"filter": terms("agency_id")}}},
            **{
                name: {
                    "filter": {"bool": {"filter": terms(name)}},
                    "aggs": {"values": {"terms": {"field": name, "size": 1000}}},
                }
                for name in ("kind", "agency_id", "field_id", "level")
            },
        },
        "track_total_hits": True,
        "from": offset,
        "size": 10,
        "sort": [
            {"_score": {"order": "desc"}},
            {"published_at": {"order": "desc", "missing": "_last"}},
            {"page_id": {"order": "asc"}},
        ],
        "_source": False,
    }


def test_agency_site_search_filters_counts_and_pages_in_the_cluster(client, cluster, page_ids, network):
    gtvt = network["so-gtvt"]
    cluster.answers[rf"POST /{INDEX}/_search"] = (200, recorded("agency_site_search.json", page_ids))
    response = client.get("/search/", {"q": "cap"}, HTTP_HOST=TRANSPORT)
    assert response.status_code == 200
    [(params, body)] = cluster.searches()
    vi = SearchDocument.objects.get(page_id=page_ids["HT-GTVT-001"]).locale_id
    assert body == expected_body(vi, {"agency_id": gtvt.pk})
    assert params["preference"][0].startswith("q")
    html = response.content.decode()
    # The hits in the cluster's order; the totals from its exact count, past any candidate cap.
    assert result_titles(html) == ["Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"]
    assert "1284 kết quả" in html  # hits.total.value: exact, past any candidate cap
    # The widen link counts the network (aggregations.network.doc_count).
    assert "(4213 kết quả)" in html


def test_a_facet_click_goes_into_the_post_filter_and_its_own_aggregation_leaves_it_out(
    client, cluster, page_ids, network
):
    cluster.answers[rf"POST /{INDEX}/_search"] = (200, recorded("facet_click.json", page_ids))
    response = client.get("/search/", {"q": "cap", "type": "procedure", "level": "3"}, HTTP_HOST=PORTAL)
    assert response.status_code == 200
    [(_params, body)] = cluster.searches()
    vi = SearchDocument.objects.get(page_id=page_ids["HT-GTVT-001"]).locale_id
    assert body == expected_body(vi, {"kind": "procedure", "level": 3})
    assert body["aggs"]["kind"]["filter"] == {"bool": {"filter": [{"term": {"level": 3}}]}}
    html = response.content.decode()
    # Facet counts come from the aggregations: the other levels keep their counts while level 3 is chosen.
    assert '<span class="facet-count">(5120)</span>' in html
    assert '<span class="facet-count">(641)</span>' in html
    assert "2270 kết quả" in html
    assert result_titles(html) == [
        "Cấp Chứng chỉ hành nghề dược",
        "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
    ]


def test_page_three_of_a_common_query_is_paged_by_the_cluster(client, cluster, page_ids):
    cluster.answers[rf"POST /{INDEX}/_search"] = (200, recorded("page_three.json", page_ids))
    response = client.get("/search/", {"q": "thu tuc", "page": "3"}, HTTP_HOST=PORTAL)
    assert response.status_code == 200
    [(params, body)] = cluster.searches()
    assert body["from"] == 20 and body["size"] == 10
    assert body["track_total_hits"] is True
    # The same query asks the same shard copies on every page.
    response_1 = client.get("/search/", {"q": "thu tuc"}, HTTP_HOST=PORTAL)
    assert response_1.status_code == 200
    (params_1, body_1) = cluster.searches()[1]
    assert params_1["preference"] == params["preference"]
    assert body_1["from"] == 0
    assert result_titles(response.content.decode()) == [
        SearchDocument.objects.get(page_id=page_ids[code]).title for code in ("HT-YT-001", "HT-GTVT-001")
    ]


def test_restricted_sections_are_excluded_in_the_query(client, cluster, page_ids, network):
    from wagtail.models import PageViewRestriction

    home = network["so-gtvt"].home_page
    PageViewRestriction.objects.create(page=home, restriction_type="login")
    cluster.answers[rf"POST /{INDEX}/_search"] = (200, recorded("page_three.json", page_ids))
    client.get("/search/", {"q": "cap"}, HTTP_HOST=PORTAL)
    [(_params, body)] = cluster.searches()
    assert body["query"]["bool"]["must_not"] == [{"prefix": {"path": home.path}}]


def test_a_cluster_error_answer_falls_back_to_the_database(client, cluster, page_ids):
    cluster.answers[rf"POST /{INDEX}/_search"] = (503, {"error": {"type": "search_phase_execution_exception"}})
    response = client.get("/search/", {"q": "doi giay phep lai xe"}, HTTP_HOST=PORTAL)
    assert response.status_code == 200
    assert result_titles(response.content.decode())[0] == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    assert ElasticsearchEngine.is_marked_down()


# The durable queue ----------------------------------------------------------------------------


def test_publishing_queues_the_page_and_the_drain_sends_the_current_document(cluster, page_ids):
    cluster.answers[rf"HEAD /{INDEX}"] = (404, b"")
    cluster.answers[rf"PUT /{INDEX}"] = (200, {"acknowledged": True, "index": INDEX})
    page = SearchDocument.objects.get(page_id=page_ids["HT-GTVT-001"]).page.specific
    page.title = "Đổi giấy phép lái xe (cập nhật)"
    page.save_revision().publish()
    gone = SearchDocument.objects.get(page_id=page_ids["HT-YT-001"]).page.specific
    gone.unpublish()
    assert set(PendingIndexUpdate.objects.values_list("page_id", flat=True)) >= {page.pk, gone.pk}
    queued = PendingIndexUpdate.objects.count()
    cluster.answers[r"PUT /_bulk|POST /_bulk"] = (
        200,
        {"errors": False, "items": [{"index": {"_id": str(pk), "status": 200}} for pk in range(0)]},
    )
    result = mirror.drain()
    assert result.error == ""
    assert PendingIndexUpdate.objects.count() == 0
    assert result.indexed + result.removed == queued
    # The index was created with the Vietnamese analysis and a strict mapping, then the bulk sent.
    create = [json.loads(body) for method, target, body in cluster.requests if method == "PUT" and INDEX in target]
    assert create[0]["settings"]["analysis"]["filter"]["vietnamese_folding"] == {
        "type": "asciifolding",
        "preserve_original": True,
    }
    assert create[0]["mappings"]["properties"]["agency_id"] == {"type": "integer"}
    lines = cluster.bulk_lines()
    index_at = lines.index({"index": {"_index": INDEX, "_id": str(page.pk)}})
    source = lines[index_at + 1]
    assert source["title"] == "Đổi giấy phép lái xe (cập nhật)"
    assert source["kind"] == "procedure" and source["live"] is True
    assert source["agency_id"] == Agency.objects.get(slug="so-gtvt").pk
    assert {"delete": {"_index": INDEX, "_id": str(gone.pk)}} in lines


def test_while_the_cluster_is_down_updates_wait_in_the_queue_and_leave_it_when_it_answers(cluster, page_ids):
    page = SearchDocument.objects.get(page_id=page_ids["HT-GTVT-001"]).page.specific
    page.save_revision().publish()
    cluster.down = True
    result = mirror.drain()
    assert "ConnectionError" in result.error
    row = PendingIndexUpdate.objects.get(page_id=page.pk)
    assert row.attempts == 1 and "ConnectionError" in row.last_error
    assert ElasticsearchEngine.is_marked_down()
    # The cluster answers again: the timer's drain empties the queue; one refused item stays queued.
    cluster.down = False
    ElasticsearchEngine.reset()
    cluster.answers[rf"HEAD /{INDEX}"] = (200, b"")
    other = SearchDocument.objects.get(page_id=page_ids["HT-YT-001"]).page.specific
    other.save_revision().publish()
    cluster.answers[r"PUT /_bulk|POST /_bulk"] = (
        200,
        {
            "errors": True,
            "items": [
                {"index": {"_id": str(page.pk), "status": 201}},
                {"index": {"_id": str(other.pk), "status": 400, "error": {"type": "mapper_parsing_exception"}}},
            ],
        },
    )
    result = mirror.drain()
    assert result.failed == 1
    assert list(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == [other.pk]
    assert "mapper_parsing_exception" in PendingIndexUpdate.objects.get().last_error


def test_a_page_queued_again_while_its_update_is_in_flight_stays_queued(cluster, page_ids):
    page = SearchDocument.objects.get(page_id=page_ids["HT-GTVT-001"]).page.specific
    page.save_revision().publish()
    cluster.answers[rf"HEAD /{INDEX}"] = (200, b"")

    def bulk_then_republish():
        # Another editor publishes while the bulk request is on the wire.
        mirror.enqueue([page.pk])
        return {"errors": False, "items": [{"index": {"_id": str(page.pk), "status": 200}}]}

    original = cluster.answer

    def answer(method, target, body):
        if urlsplit(target).path == "/_bulk":
            cluster.requests.append((method, target, body))
            return 200, json.dumps(bulk_then_republish()).encode()
        return original(method, target, body)

    cluster.answer = answer
    mirror.drain(max_batches=1)
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()


def test_search_queue_command_shows_and_drains(cluster, page_ids, capsys):
    from django.core.management import call_command

    page = SearchDocument.objects.get(page_id=page_ids["HT-GTVT-001"]).page.specific
    page.save_revision().publish()
    cluster.down = True
    mirror.drain()
    call_command("search_queue")
    out = capsys.readouterr().out
    assert f"Index: {INDEX}" in out and "Queued updates: 1" in out and "ConnectionError" in out
    cluster.down = False
    ElasticsearchEngine.reset()
    cluster.answers[rf"HEAD /{INDEX}"] = (200, b"")
    cluster.answers[r"PUT /_bulk|POST /_bulk"] = (
        200,
        {"errors": False, "items": [{"index": {"_id": str(page.pk), "status": 200}}]},
    )
    call_command("search_queue", "--drain")
    assert "0 still queued" in capsys.readouterr().out


def test_without_a_cluster_nothing_is_queued_and_the_timer_drains_nothing(settings, page_ids, capsys):
    from django.core.management import call_command

    page = SearchDocument.objects.get(page_id=page_ids["HT-GTVT-001"]).page.specific
    page.save_revision().publish()
    assert not PendingIndexUpdate.objects.exists()
    call_command("search_queue", "--drain")
    assert "nothing to drain" in capsys.readouterr().out


# OpenSearch ------------------------------------------------------------------------------------


def test_opensearch_gets_the_same_request_through_its_own_client(client, settings, page_ids, network):
    global CLUSTER
    CLUSTER = Cluster()
    settings.WAGTAILSEARCH_BACKENDS = cluster_settings("opensearch")
    ElasticsearchEngine.reset()
    CLUSTER.answers[rf"(GET|POST) /{INDEX}/_search"] = (200, recorded("agency_site_search.json", page_ids))
    response = client.get("/search/", {"q": "cap"}, HTTP_HOST=TRANSPORT)
    assert response.status_code == 200
    [(params, body)] = CLUSTER.searches()
    vi = SearchDocument.objects.get(page_id=page_ids["HT-GTVT-001"]).locale_id
    assert body == expected_body(vi, {"agency_id": network["so-gtvt"].pk})
    assert params["preference"][0].startswith("q")
    assert result_titles(response.content.decode())[0] == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    ElasticsearchEngine.reset()
