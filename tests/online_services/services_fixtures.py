"""Fixtures of the online-service tests: a procedure of Sở GTVT with its published form, real tiny files.

A plugin (``pytest_plugins`` in tests/conftest.py): its fixtures are available to every test
directory; tests/online_services/conftest.py gives that directory its private media folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from django.conf import settings
from django.test import Client

from online_services.factories import make_procedure, make_service_page
from tests.files import jpeg_bytes, pdf_bytes

GTVT_HOST = "sgtvt.hatinh.localhost"
YTE_HOST = "soyte.hatinh.localhost"


def page_path(page) -> str:
    return page.get_url_parts()[2]


def private_files() -> set[Path]:
    """The files under the test's private folder; the shared one of config/settings/test.py is refused,
    since the other xdist worker writes there meanwhile and a comparison of it can fail by chance."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    shared = Path(settings.BASE_DIR) / "test-results" / "private_media"
    assert root.resolve() != shared.resolve(), "give the test a private folder of its own (settings + tmp_path)"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def procedure(network):
    return make_procedure(network["so-gtvt"])


@pytest.fixture
def service_page(procedure):
    return make_service_page(procedure)


@pytest.fixture
def citizen():
    return Client(HTTP_HOST=GTVT_HOST)


def field_names(page) -> dict:
    """clean names by role, and the upload fields in order."""
    fields = list(page.form_fields.all())
    names = {f.role: f.clean_name for f in fields if f.role}
    names["files"] = [f.clean_name for f in fields if f.field_type == "file"]
    return names


def submission_data(page, *, files=None, **overrides) -> dict:
    """A valid post for ``page``: every upload gets a real file unless ``files`` says otherwise."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    names = field_names(page)
    data = {
        names["applicant_name"]: "Nguyễn Văn An",
        names["applicant_phone"]: "0912 345 678",
        names["applicant_email"]: "an@example.vn",
        names["consent"]: "on",
    }
    uploads = files or {}
    for index, name in enumerate(names["files"]):
        if name in uploads:
            data[name] = uploads[name]
        elif index % 2:
            data[name] = SimpleUploadedFile("ảnh chụp giấy khám.jpg", jpeg_bytes(), "image/jpeg")
        else:
            data[name] = SimpleUploadedFile("Đơn đề nghị.pdf", pdf_bytes(), "application/pdf")
    data.update(overrides)
    return data


# A module world for the procedure and its form (tests/shared_world.py): a module opts in with
#
#     network, procedure, service_page = shared_service_fixtures()
@pytest.fixture(scope="module")
def service_world(network_world, django_db_blocker):
    """The GTVT procedure and its published form, built once on the module's network; yields their ids."""
    from sites.models import Agency
    from tests.shared_world import extend_world

    def build() -> dict:
        procedure = make_procedure(Agency.objects.get(slug="so-gtvt"))
        page = make_service_page(procedure)
        return {"procedure": procedure.pk, "service_page": page.pk}

    return extend_world(django_db_blocker, build)


@pytest.fixture
def shared_procedure(network, service_world):
    """``procedure``, from the module's world: a fresh instance for each test."""
    from procedures.models import ProcedurePage

    return ProcedurePage.objects.get(pk=service_world["procedure"])


@pytest.fixture
def shared_service_page(shared_procedure, service_world):
    """``service_page``, from the module's world: a fresh instance for each test."""
    from online_services.models import OnlineServicePage

    return OnlineServicePage.objects.get(pk=service_world["service_page"])


def shared_service_fixtures():
    """A module's opt-in to the worlds: ``network, procedure, service_page = shared_service_fixtures()``.

    Returns overrides of ``network``, ``procedure`` and ``service_page`` that take
    them from the module's worlds (tests/conftest.py's ``network_world`` and
    ``service_world`` above), built once per module; each test runs in a savepoint
    on top and gets fresh instances. Bound to those three names at module level,
    pytest uses them for that module only.
    """

    @pytest.fixture
    def network(shared_network):
        return shared_network

    @pytest.fixture
    def procedure(shared_procedure):
        return shared_procedure

    @pytest.fixture
    def service_page(shared_service_page):
        return shared_service_page

    return network, procedure, service_page
