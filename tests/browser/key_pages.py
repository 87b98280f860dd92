"""The key pages of the network, built through the models, for the design's browser tests.

Each builder creates the page the way editors and the import would (real
pages, revisions, documents and images) and returns its address on the live
server. ``build_key_pages`` returns them all, in the order a citizen meets them.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from news.models import NewsArticlePage, NewsIndexPage
from online_services.factories import make_procedure, make_service_page, procedure_index_for
from tests.files import jpeg_bytes

FORMS_DIR = Path(settings.BASE_DIR) / "demo" / "data" / "forms"

STEPS = [
    "Bước 1: Cá nhân chuẩn bị hồ sơ đầy đủ theo quy định.",
    "Bước 2: Nộp hồ sơ tại Bộ phận Một cửa của Sở Giao thông vận tải, qua bưu chính hoặc trực tuyến.",
    "Bước 3: Cán bộ tiếp nhận kiểm tra hồ sơ; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung một lần.",
    "Bước 4: Hồ sơ đầy đủ thì cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
    "Bước 5: Sở Giao thông vận tải xem xét, đối chiếu thông tin với cơ sở dữ liệu giấy phép lái xe.",
    "Bước 6: Cấp đổi giấy phép lái xe trong thời hạn quy định.",
    "Bước 7: Trả kết quả tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính công ích.",
]
COMPONENTS = [
    "Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)",
    "Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp",
    "Bản sao giấy phép lái xe, hộ chiếu còn thời hạn có ghi số giấy chứng minh nhân dân",
    "Bản chính giấy phép lái xe sắp hết hạn để đối chiếu",
    "Ảnh chân dung cỡ 3 x 4 cm chụp không quá 6 tháng",
]
LEGAL_BASIS = [
    "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15.",
    "Thông tư số 35/2024/TT-BGTVT quy định về đào tạo, sát hạch, cấp giấy phép lái xe.",
    "Thông tư số 37/2023/TT-BTC quy định mức thu, chế độ thu, nộp lệ phí cấp giấy phép lái xe.",
]


def _url(page: Page, base: str) -> str:
    return base + page.get_url_parts()[2]


def build_procedure(agency):
    """A level-3 procedure with every section filled in and downloadable form templates."""
    procedure = make_procedure(agency, components=COMPONENTS, level=3)
    procedure.subjects = [("item", "Công dân Việt Nam"), ("item", "Người nước ngoài cư trú tại Việt Nam")]
    procedure.steps = [("item", step) for step in STEPS]
    procedure.legal_basis = [("item", text) for text in LEGAL_BASIS]
    procedure.conditions = "Giấy phép lái xe còn thời hạn hoặc quá hạn dưới 3 tháng."
    procedure.fees = "Lệ phí: 135.000 đồng/lần cấp."
    procedure.online = True
    for component, filename in zip(
        procedure.dossier_components.all()[:2], ["don-de-nghi-doi-gplx.docx", "to-khai-lltp.docx"], strict=True
    ):
        document = Document(title=component.name[:60], collection_id=agency.collection_id)
        document.file.save(filename, ContentFile((FORMS_DIR / filename).read_bytes()), save=False)
        document.save()
        component.form = document
        component.save()
    procedure.save_revision().publish()
    return procedure


def _photo(title: str, collection_id) -> Image:
    buffer = io.BytesIO(jpeg_bytes((1600, 900), (30, 90, 140), quality=80))
    image = Image(title=title, collection_id=collection_id)
    image.file.save("anh-tin.jpg", ImageFile(buffer, name="anh-tin.jpg"), save=False)
    image.save()
    return image


def build_news_article(agency):
    home = Page.objects.get(pk=agency.home_page_id).specific
    index = home.get_children().type(NewsIndexPage).first()
    if index is None:
        index = NewsIndexPage(title="Tin tức – Sự kiện", slug="tin-tuc", intro="Tin hoạt động của cơ quan.")
        home.add_child(instance=index)
        index.save_revision().publish()
    photo = _photo("Hội nghị triển khai dịch vụ công trực tuyến", agency.collection_id)
    article = NewsArticlePage(
        title="Sở Y tế triển khai nộp hồ sơ cấp chứng chỉ hành nghề dược trực tuyến",
        slug="nop-ho-so-chung-chi-hanh-nghe-duoc-truc-tuyen",
        date=datetime.date(2026, 3, 2),
        author="Văn phòng Sở",
        lead="Từ tháng 3, người dân có thể nộp hồ sơ đề nghị cấp chứng chỉ hành nghề dược qua mạng.",
        featured_image=photo,
        body=[
            ("paragraph", "<p>Sở Y tế tỉnh Hà Tĩnh đưa dịch vụ công trực tuyến một phần vào hoạt động.</p>"),
            ("heading", {"text": "Cách nộp hồ sơ", "level": "h2"}),
            ("image", {"image": photo, "caption": "Hội nghị triển khai", "credit": "Sở Y tế", "alt": ""}),
            ("paragraph", "<p>Người dân nhận Giấy tiếp nhận hồ sơ và hẹn trả kết quả qua thư điện tử.</p>"),
        ],
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    return article


def build_key_pages(network) -> dict[str, str]:
    """Every key page type, on the hosts a citizen reaches it by."""
    portal, gtvt, yte = (network.by_slug[s] for s in ("ha-tinh", "so-gtvt", "so-y-te"))
    procedure = build_procedure(gtvt)
    service = make_service_page(procedure)
    catalogue = procedure_index_for(portal)  # on the portal, the whole network's catalogue
    article = build_news_article(yte)
    return {
        "portal home": network.url + "/",
        "agency home": network.site_url("so-y-te") + "/",
        "catalogue": _url(catalogue, network.site_url("ha-tinh")),
        "procedure": _url(procedure, network.site_url("so-gtvt")),
        "level-3 form": _url(service, network.site_url("so-gtvt")),
        "search results": network.site_url("ha-tinh") + "/search/?q=doi+giay+phep+lai+xe",
        "news article": _url(article, network.site_url("so-y-te")),
    }
