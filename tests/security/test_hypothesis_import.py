"""Property-based: random and hostile catalogue records never crash the importer and are never half-stored."""

from __future__ import annotations

import json
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from procedures.importing import ImportFileError, run_import
from procedures.importing.validation import KEYS
from procedures.models import ProcedurePage

BASE = {
    "code": "HT-GTVT-500",
    "name": "Cấp lại giấy phép lái xe",
    "field": "Đường bộ",
    "agency": "so-gtvt",
    "level": 2,
    "methods": ["in_person", "online"],
    "processing_time": "05 ngày làm việc",
    "fees": "135.000 đồng",
    "subjects": ["Công dân Việt Nam"],
    "steps": ["Nộp hồ sơ", "Nhận kết quả"],
    "dossier": [{"name": "Đơn đề nghị", "copies": 1}],
    "legal_basis": ["Thông tư số 12/2017/TT-BGTVT"],
    "result": "Giấy phép lái xe",
}

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "<script>alert(1)</script>",
        "'; DROP TABLE wagtailcore_page; --",
        "../../../../etc/passwd",
        "/etc/passwd",
        "forms/../../secret.docx",
        "\u202e\u200b\ufeff",
        "Đ" * 300,
        "x" * 5000,
        "{{ 7*7 }}",
        "%s%s%n",
        "so-gtvt",
        "ha-tinh",
        "HT-YTE-001",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    HOSTILE_TEXT,
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)  # fmt: skip
KEY = st.one_of(st.sampled_from(KEYS), st.text(max_size=12), st.sampled_from(["__proto__", "form", "page", "id"]))
CODE = st.text(alphabet=string.ascii_uppercase + string.digits + "-._", min_size=1, max_size=20)


@st.composite
def records(draw):
    """Mostly a valid record with some fields replaced by anything; sometimes anything at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(VALUES)
    record = dict(BASE, code=draw(CODE))
    for key, value in draw(st.dictionaries(KEY, VALUES, max_size=4)).items():
        record[key] = value
    for key in draw(st.lists(st.sampled_from(sorted(BASE)), max_size=2)):
        record.pop(key, None)
    return record


def snapshot() -> tuple:
    return (
        Page.objects.count(),
        Revision.objects.count(),
        get_document_model().objects.count(),
        sorted(ProcedurePage.objects.values_list("code", "title", "latest_revision_id")),
    )


PROFILE = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.django_db
@PROFILE
@given(batch=st.lists(records(), min_size=1, max_size=4), as_lines=st.booleans())
def test_importer_never_crashes_and_refused_files_store_nothing(network, batch, as_lines):
    with tempfile.TemporaryDirectory() as folder:
        if as_lines:
            path = Path(folder) / "thu-tuc.jsonl"
            path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in batch), encoding="utf-8")
        else:
            path = Path(folder) / "thu-tuc.json"
            path.write_text(json.dumps(batch, ensure_ascii=False), encoding="utf-8")
        before = snapshot()
        try:
            report = run_import(path)
        except ImportFileError:
            assert snapshot() == before
            return
    if not report.ok:
        assert not report.written
        assert snapshot() == before
        assert report.errors and all(e.position for e in report.errors)
    else:
        for code in report.created + report.updated:
            assert ProcedurePage.objects.filter(code=code, agency__slug="so-gtvt").exists()


@pytest.mark.django_db
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    content=st.one_of(
        st.binary(max_size=300),
        st.lists(records(), min_size=1, max_size=3).map(lambda b: json.dumps(b, ensure_ascii=False).encode()),
    ),
    name=st.sampled_from(["thu-tuc.json", "thu-tuc.jsonl", "thu-tuc.csv", "thu-tuc.xlsx", "thu-tuc.zip", "x.exe"]),
)
def test_admin_import_upload_and_confirm_never_500(network, make_user, settings, tmp_path, content, name):
    """The admin screen: an upload is a dry run (nothing stored); confirming a refused file stores nothing."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"  # the staging folder of this run only
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.filter(username="quan-tri").first() or make_user("quan-tri", superuser=True)
    client = Client(raise_request_exception=True)
    client.force_login(admin)
    before = snapshot()
    response = client.post(reverse("procedures_import:upload"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert snapshot() == before
    token = response.context["token"] if response.context else None
    report = response.context["report"] if response.context else None
    if token and report is not None and not report.ok:
        response = client.post(reverse("procedures_import:confirm", args=[token]))
        assert response.status_code == 200
        assert snapshot() == before
