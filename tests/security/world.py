"""Two agencies with something of every kind the admin manages: pages, images, documents, dossiers."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images.models import Image

from home.models import StandardPage
from online_services.codes import generate_receipt_code
from online_services.factories import make_procedure
from online_services.models import Dossier, DossierFile, DossierStatusChange
from online_services.storage import dossier_file_path, private_storage
from tests.files import PDF, png_bytes


def add_page(parent, title: str, slug: str, *, publish: bool = True) -> StandardPage:
    page = StandardPage(title=title, slug=slug, intro="")
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return StandardPage.objects.get(pk=page.pk)


def make_dossier(procedure, *, name: str = "Nguyễn Văn An", content: bytes = PDF, filename: str = "Đơn đề nghị.pdf"):
    """A received dossier with one private file, as the online form stores it."""
    dossier = Dossier.objects.create(
        receipt_code=generate_receipt_code(),
        procedure=procedure,
        procedure_code=procedure.code,
        procedure_title=procedure.title,
        agency_id=procedure.agency_id,
        applicant_name=name,
        applicant_phone="0912345678",
        applicant_email="an@example.vn",
        form_data={"ho_va_ten": name},
    )
    DossierStatusChange.objects.create(dossier=dossier, from_status="", to_status=Dossier.Status.RECEIVED)
    path = private_storage().save(dossier_file_path(None, filename), ContentFile(content))
    DossierFile.objects.create(
        dossier=dossier,
        field_name="don_de_nghi",
        label="Đơn đề nghị",
        file=path,
        original_name=filename,
        content_type="application/pdf",
        size=len(content),
    )
    return dossier


def build_agency_world(agency, prefix: str, code: str) -> dict:
    """Targets inside one agency: one page per page action, a folder to move into, media, a dossier."""
    home = agency.home_page.specific
    folder = add_page(home, f"Chuyên mục {prefix}", f"chuyen-muc-{prefix}")
    world = {
        "agency": agency,
        "home": home,
        "folder": folder,
        "page_edit": add_page(home, f"Trang sửa {prefix}", f"trang-sua-{prefix}"),
        "page_publish": add_page(home, f"Trang xuất bản {prefix}", f"trang-xuat-ban-{prefix}"),
        "page_move": add_page(home, f"Trang di chuyển {prefix}", f"trang-di-chuyen-{prefix}"),
        "page_delete": add_page(home, f"Trang xóa {prefix}", f"trang-xoa-{prefix}"),
        "image": Image.objects.create(
            title=f"Ảnh {prefix}",
            file=ImageFile(io.BytesIO(png_bytes()), name=f"anh-{prefix}.png"),
            collection=agency.collection,
        ),
        "document": Document.objects.create(
            title=f"Mẫu đơn {prefix}",
            file=ContentFile(PDF, name=f"mau-don-{prefix}.pdf"),
            collection=agency.collection,
        ),
    }
    procedure = make_procedure(agency, code=code, title=f"Thủ tục thử nghiệm {prefix}")
    world["procedure"] = procedure
    world["dossier"] = make_dossier(procedure)
    world["dossier_status"] = make_dossier(procedure, name="Trần Thị Bình")
    world["dossier_file"] = world["dossier"].files.get()
    world["site"] = agency.site
    world["built_at"] = timezone.now()
    return world
