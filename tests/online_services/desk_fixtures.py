"""A one-stop-desk world: the test network plus a district and one of its communes, each with a procedure
and its online form, and an officer per agency. Built once per module (tests/shared_world.py).

``COMMUNE`` and ``DISTRICT`` are provisioned like every agency; the commune's
procedure lets its dossiers go up to the district (the commune's parent).
"""

from __future__ import annotations

import pytest

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from online_services.factories import make_procedure, make_service_page
from online_services.models import Dossier
from sites.models import Agency
from sites.provisioning import provision_agencies
from tests.conftest import AGENCIES, ensure_tree_root
from tests.files import jpeg_bytes, pdf_bytes
from tests.shared_world import shared_world

DISTRICT = {
    "slug": "ubnd-cam-xuyen",
    "name": "Ủy ban nhân dân huyện Cẩm Xuyên",
    "name_en": "Cam Xuyen District People's Committee",
    "kind": "district",
    "parent": "ha-tinh",
    "hostname": "camxuyen.hatinh.localhost",
}
COMMUNE = {
    "slug": "ubnd-cam-binh",
    "name": "Ủy ban nhân dân xã Cẩm Bình",
    "name_en": "Cam Binh Commune People's Committee",
    "kind": "commune",
    "parent": "ubnd-cam-xuyen",
    "hostname": "cambinh.hatinh.localhost",
}
DESK_AGENCIES = [*AGENCIES, DISTRICT, COMMUNE]
OFFICERS = {
    "so-gtvt": "motcua.gtvt",
    "so-y-te": "motcua.yte",
    "ubnd-cam-xuyen": "motcua.camxuyen",
    "ubnd-cam-binh": "motcua.cambinh",
}


def build_desk() -> dict:
    ensure_tree_root()
    provision_agencies([dict(a) for a in DESK_AGENCIES])
    agencies = {a.slug: a for a in Agency.objects.all()}
    gtvt_form = make_service_page(make_procedure(agencies["so-gtvt"]))
    gtvt_form.results_online = True
    gtvt_form.save_revision().publish()
    commune_form = make_service_page(
        make_procedure(
            agencies["ubnd-cam-binh"],
            code="HT-XA-001",
            title="Đăng ký khai sinh",
            processing_time="03 ngày làm việc",
            components=["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
        )
    )
    User = get_user_model()
    for slug, username in OFFICERS.items():
        user = User.objects.create_user(username=username, password="officer-pw-123")
        user.groups.add(agencies[slug].officers_group)
    return {"gtvt_form": gtvt_form.pk, "commune_form": commune_form.pk}


@pytest.fixture(scope="module")
def desk_world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker, build_desk)


@pytest.fixture
def desk(db, desk_world):
    from online_services.models import OnlineServicePage

    User = get_user_model()

    class Desk:
        agencies = {a.slug: a for a in Agency.objects.select_related("officers_group", "parent")}
        gtvt_form = OnlineServicePage.objects.get(pk=desk_world["gtvt_form"])
        commune_form = OnlineServicePage.objects.get(pk=desk_world["commune_form"])
        officers = {slug: User.objects.get(username=name) for slug, name in OFFICERS.items()}

    return Desk


def new_dossier(form, **fields) -> Dossier:
    """A dossier as the submission makes it, without the HTTP round trip (tests of later steps)."""
    from django.utils import timezone

    from online_services.codes import generate_receipt_code
    from online_services.models import DossierFile, DossierStatusChange
    from online_services.storage import private_storage
    from online_services.workdays import add_working_days

    procedure = form.get_parent().specific
    submitted = fields.pop("submitted_at", timezone.now())
    received_on = timezone.localdate(submitted)
    values = {
        "procedure": procedure,
        "service_page": form,
        "procedure_code": procedure.code,
        "procedure_title": procedure.title,
        "agency_id": procedure.agency_id,
        "receipt_code": generate_receipt_code(),
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912345678",
        "applicant_email": "an@example.vn",
        "submitted_at": submitted,
        "working_days": procedure.working_days,
        "complete_on": received_on,
        "due_date": add_working_days(received_on, procedure.working_days),
        **fields,
    }
    dossier = Dossier.objects.create(**values)
    DossierStatusChange.objects.create(dossier=dossier, from_status="", to_status="received", changed_at=submitted)
    for field in form.form_fields.filter(field_type="file"):
        path = private_storage().save("dossiers/t/x.pdf", SimpleUploadedFile("x.pdf", pdf_bytes()))
        DossierFile.objects.create(
            dossier=dossier,
            field_name=field.clean_name,
            label=field.label,
            file=path,
            original_name="x.pdf",
            content_type="application/pdf",
            size=10,
        )
    return dossier


def checked_upload(
    name="ảnh thẻ.jpg", content=None, content_type="image/jpeg", extensions=("jpg", "jpeg", "png", "pdf")
):
    """An upload that has passed the checks of ``DossierFileField`` (``safe_name``, ``detected_type`` set)."""
    from online_services.uploads import DossierFileField

    upload = SimpleUploadedFile(name, content if content is not None else jpeg_bytes(), content_type)
    return DossierFileField(extensions=list(extensions), max_size=10 * 1024 * 1024).clean(upload)
