"""The open data API: the catalogue as JSON in the interchange format, paginated and filterable."""

from __future__ import annotations

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from procedures.importing import run_import
from procedures.importing.validation import KEYS
from tests.shared_world import extend_world

from .catalogue_fixtures import copy_sample, make_procedures, sample_records


@pytest.fixture(scope="module")
def sample_world(sample_world, django_db_blocker, tmp_path_factory):
    """Every test here reads the imported sample: imported once for the module, on the module's agencies."""
    sample_dir = copy_sample(tmp_path_factory.mktemp("sample"))
    extend_world(django_db_blocker, lambda: run_import(sample_dir / "procedures-sample.json"))
    return sample_world


@pytest.fixture
def imported(sample_network):
    return sample_network


def test_list_is_the_interchange_format(imported):
    response = Client(HTTP_HOST="hatinh.localhost").get("/api/procedures/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["count"] == 6 and data["num_pages"] == 1 and data["next"] is None
    by_code = {r["code"]: r for r in data["results"]}
    for record in sample_records():
        published = by_code[record["code"]]
        assert set(published) - {"url"} <= set(KEYS)
        for key in ("name", "name_en", "field", "agency", "level", "methods", "processing_time", "fees", "steps"):
            assert published[key] == record[key], key
        assert [(c["name"], c["copies"]) for c in published["dossier"]] == [
            (c["name"], c.get("copies", 1)) for c in record["dossier"]
        ]
        form = next(c["form"] for c in published["dossier"] if "form" in c)
        assert form.startswith("http://hatinh.localhost/documents/mau-don/")
        assert published["url"].startswith("http://")


def test_filters_and_pagination(imported):
    make_procedures(imported["so-gtvt"], 7, field_name="Đường bộ", level=3, online=True)
    client = Client(HTTP_HOST="hatinh.localhost")
    data = client.get("/api/procedures/?field=duong-bo&agency=so-gtvt&level=3&page_size=3").json()
    assert data["count"] == 8 and data["num_pages"] == 3
    assert (
        data["next"]
        == "http://hatinh.localhost/api/procedures/?field=duong-bo&agency=so-gtvt&level=3&page_size=3&page=2"
    )
    seen = [r["code"] for r in data["results"]]
    while data["next"]:
        data = client.get(data["next"]).json()
        seen += [r["code"] for r in data["results"]]
    assert sorted(seen) == sorted(["HT-GTVT-001", *[f"T-SO-GTVT-{n:04d}" for n in range(1, 8)]])
    assert {r["code"] for r in client.get("/api/procedures/?kind=commune").json()["results"]} == {"HT-BH-001"}
    assert client.get("/api/procedures/?method=postal&level=2").json()["count"] == 1


def test_bad_parameters(imported):
    client = Client(HTTP_HOST="hatinh.localhost")
    response = client.get("/api/procedures/?level=7")
    assert response.status_code == 400 and "level" in response.json()["fields"]
    assert client.get("/api/procedures/?page=99").status_code == 404
    assert client.get("/api/procedures/?page_size=abc").status_code == 400
    assert client.post("/api/procedures/").status_code == 405


def test_detail(imported):
    client = Client(HTTP_HOST="hatinh.localhost")
    record = client.get("/api/procedures/HT-LDTBXH-001/").json()
    assert record["name"] == "Giải quyết hưởng trợ cấp thất nghiệp"
    assert record["agency"] == "so-ld-tbxh"
    assert client.get("/api/procedures/KHONG-CO/").status_code == 404


def test_api_query_count_does_not_grow(imported):
    client = Client(HTTP_HOST="hatinh.localhost")
    client.get("/api/procedures/")
    with CaptureQueriesContext(connection) as six:
        client.get("/api/procedures/?page_size=100")
    make_procedures(imported["so-y-te"], 60, field_name="Dược")
    with CaptureQueriesContext(connection) as sixty_six:
        data = client.get("/api/procedures/?page_size=100").json()
    assert data["count"] == 66
    assert len(sixty_six) == len(six)
