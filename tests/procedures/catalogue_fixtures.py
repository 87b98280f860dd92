"""Fixtures of the catalogue tests: the sample's agencies provisioned for real, the sample files copied.

A plugin (``pytest_plugins`` in tests/conftest.py): its fixtures are available to every test
directory. tests/procedures/conftest.py builds ``sample_network`` once per module instead.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from django.conf import settings
from django.test import override_settings

from wagtail.documents import get_document_model
from wagtail.models import Locale, Revision

from procedures.models import DossierComponent, ProcedureField, ProcedureIndexPage, ProcedurePage
from sites.models import Agency
from sites.provisioning import provision_agencies

DEMO_DATA = Path(settings.BASE_DIR) / "demo" / "data"
SAMPLE = DEMO_DATA / "procedures-sample.json"
SAMPLE_AGENCIES = ["ha-tinh", "so-y-te", "so-gtvt", "so-ld-tbxh", "so-tu-phap", "tp-ha-tinh", "phuong-bac-ha"]


def sample_records() -> list[dict]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def write_json(folder: Path, records, name: str = "procedures.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def provision_sample_agencies() -> None:
    """The agencies the sample names (from demo/data/agencies.json), provisioned the way production does."""
    records = json.loads((DEMO_DATA / "agencies.json").read_text(encoding="utf-8"))
    provision_agencies([dict(r) for r in records if r["slug"] in SAMPLE_AGENCIES])


def agencies_by_slug() -> dict[str, Agency]:
    return {a.slug: a for a in Agency.objects.select_related("home_page", "site", "collection")}


@pytest.fixture
def sample_network(locales):
    """The agencies the sample names (from demo/data/agencies.json), provisioned the way production does."""
    provision_sample_agencies()
    return agencies_by_slug()


def copy_sample(folder: Path) -> Path:
    shutil.copy(SAMPLE, folder / "procedures-sample.json")
    shutil.copytree(DEMO_DATA / "forms", folder / "forms")
    return folder


@pytest.fixture
def sample_dir(tmp_path) -> Path:
    """A private copy of the sample and its forms, which a test may alter."""
    return copy_sample(tmp_path)


def catalogue_snapshot() -> dict:
    """Everything an import may touch, to prove that a second import touches nothing."""
    pages = {}
    for page in ProcedurePage.objects.select_related("locale", "field").order_by("pk"):
        pages[(page.code, page.locale.language_code)] = {
            "pk": page.pk,
            "title": page.title,
            "live": page.live,
            "last_published_at": page.last_published_at,
            "latest_revision_id": page.latest_revision_id,
            "live_revision_id": page.live_revision_id,
            "field": page.field.name,
            "components": list(
                DossierComponent.objects.filter(page=page).order_by("sort_order").values_list("pk", "name", "form_id")
            ),
        }
    return {
        "pages": pages,
        "revisions": Revision.objects.count(),
        "documents": sorted(get_document_model().objects.values_list("pk", "file", "file_hash")),
        "fields": sorted(ProcedureField.objects.values_list("pk", "name")),
        "indexes": sorted(ProcedureIndexPage.objects.values_list("pk", "locale__language_code", "url_path")),
    }


no_search_updates = override_settings(
    WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
)


def make_procedures(agency: Agency, count: int, *, field_name: str = "Hộ tịch", start: int = 1, **values):
    """Many live procedures under the agency's catalogue, quickly (no revisions, no search indexing)."""
    vi = Locale.objects.get(language_code="vi")
    field = ProcedureField.objects.filter(name=field_name, locale=vi).first() or ProcedureField.objects.create(
        name=field_name, locale=vi
    )
    index, _created = ProcedureIndexPage.ensure_for(agency)
    pages = []
    with no_search_updates:
        for n in range(start, start + count):
            page = ProcedurePage(
                title=values.get("title", f"Thủ tục thử nghiệm số {n:04d}"),
                slug=f"thu-tuc-{agency.slug}-{n:04d}",
                code=f"T-{agency.slug.upper()}-{n:04d}",
                field=field,
                level=values.get("level", 2),
                in_person=values.get("in_person", True),
                postal=values.get("postal", False),
                online=values.get("online", False),
                processing_time="05 ngày làm việc",
                steps=[("item", "Nộp hồ sơ"), ("item", "Nhận kết quả")],
                legal_basis=[("item", "Luật Hộ tịch số 60/2014/QH13")],
                result="Giấy chứng nhận",
                locale=vi,
            )
            index.add_child(instance=page)
            pages.append(page)
    return pages
