"""Demo content of the Decree 42/2022 sections on every demo agency's site.

Organisation (replacing the plain “Cơ cấu tổ chức” page of home/demo.py, same
slug), the legal documents library, direction and administration, plans and
reports, one open and one closed public consultation, published questions
and answers, and contact (replacing the plain “Liên hệ” page, same slug).
Idempotent: a section that exists is left as it is.

The documents are demo data: numbers and summaries look like the real ones,
but the provincial and agency documents are invented for the demo.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from core.text import fold
from sites.models import Agency

from sections import factories as f
from sections.models import (
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ContactPage,
    DirectionIndexPage,
    DocumentStatus,
    Leader,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    OrganisationPage,
    PlanReportIndexPage,
    Question,
    QuestionIndexPage,
)

# Short codes used in document numbers (số ký hiệu), by agency slug.
ABBREVIATIONS = {
    "ha-tinh": "UBND",
    "so-tttt": "STTTT",
    "so-y-te": "SYT",
    "so-gtvt": "SGTVT",
    "so-ld-tbxh": "SLĐTBXH",
    "so-tu-phap": "STP",
    "so-ke-hoach-dau-tu": "SKHĐT",
    "so-tai-nguyen-moi-truong": "STNMT",
}

TYPES = [
    ("Luật", "Law"),
    ("Nghị định", "Decree"),
    ("Thông tư", "Circular"),
    ("Nghị quyết", "Resolution"),
    ("Quyết định", "Decision"),
    ("Chỉ thị", "Directive"),
    ("Công văn", "Official letter"),
    ("Thông báo", "Notice"),
    ("Kế hoạch", "Plan"),
    ("Báo cáo", "Report"),
]

# Ministries whose documents each department's library carries.
MINISTRIES = {
    "so-y-te": ("Bộ Y tế", "Ministry of Health"),
    "so-gtvt": ("Bộ Giao thông vận tải", "Ministry of Transport"),
    "so-tttt": ("Bộ Thông tin và Truyền thông", "Ministry of Information and Communications"),
    "so-ld-tbxh": ("Bộ Lao động - Thương binh và Xã hội", "Ministry of Labour, Invalids and Social Affairs"),
    "so-tu-phap": ("Bộ Tư pháp", "Ministry of Justice"),
    "so-ke-hoach-dau-tu": ("Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment"),
    "so-tai-nguyen-moi-truong": ("Bộ Tài nguyên và Môi trường", "Ministry of Natural Resources and Environment"),
}

# Documents of the ministries, by agency slug: (type, number, issued, effective, summary[, issuer]).
MINISTRY_DOCUMENTS = {
    "so-y-te": [
        (
            "Thông tư",
            "32/2023/TT-BYT",
            date(2023, 12, 31),
            date(2024, 1, 1),
            "Quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh",
        ),
        (
            "Luật",
            "15/2023/QH15",
            date(2023, 1, 9),
            date(2024, 1, 1),
            "Luật Khám bệnh, chữa bệnh",
            ("Quốc hội", "The National Assembly"),
        ),
    ],
    "so-gtvt": [
        (
            "Thông tư",
            "12/2017/TT-BGTVT",
            date(2017, 4, 15),
            date(2017, 6, 1),
            "Quy định về đào tạo, sát hạch, cấp giấy phép lái xe cơ giới đường bộ",
        ),
    ],
}

SHARED_DOCUMENTS = [
    # (type, number, issuer key, issued, effective, expiry, status, summary)
    (
        "Nghị định",
        "42/2022/NĐ-CP",
        "chinh-phu",
        date(2022, 6, 24),
        date(2022, 8, 15),
        None,
        DocumentStatus.IN_FORCE,
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
    ),
    (
        "Nghị định",
        "43/2011/NĐ-CP",
        "chinh-phu",
        date(2011, 6, 13),
        date(2011, 8, 1),
        date(2022, 8, 15),
        DocumentStatus.EXPIRED,
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin điện tử "
        "hoặc cổng thông tin điện tử của cơ quan nhà nước",
    ),
    (
        "Nghị định",
        "61/2018/NĐ-CP",
        "chinh-phu",
        date(2018, 4, 23),
        date(2018, 6, 21),
        None,
        DocumentStatus.IN_FORCE,
        "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
    ),
    (
        "Quyết định",
        "15/2024/QĐ-UBND",
        "ubnd-tinh",
        date(2024, 4, 12),
        date(2024, 4, 25),
        None,
        DocumentStatus.IN_FORCE,
        "Ban hành Quy chế hoạt động của Cổng thông tin điện tử tỉnh Hà Tĩnh",
    ),
    (
        "Quyết định",
        "22/2019/QĐ-UBND",
        "ubnd-tinh",
        date(2019, 5, 20),
        date(2019, 6, 1),
        None,
        DocumentStatus.EXPIRED,
        "Ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh Hà Tĩnh (đã được thay thế)",
    ),
    (
        "Nghị quyết",
        "08/2024/NQ-HĐND",
        "hdnd-tinh",
        date(2024, 7, 17),
        date(2024, 8, 1),
        None,
        DocumentStatus.IN_FORCE,
        "Quy định mức thu, miễn, giảm phí, lệ phí khi thực hiện thủ tục hành chính trên môi trường điện tử",
    ),
]

LEADER_NAMES = [
    ("Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Quang Minh"),
    ("Phan Thị Hồng", "Đặng Văn Khoa", "Võ Thị Lan"),
    ("Hoàng Minh Tuấn", "Bùi Thị Thu", "Dương Văn Sơn"),
    ("Trần Văn Long", "Nguyễn Thị Hà", "Phạm Đức Thắng"),
]


def _rich(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _list(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _is_committee(agency: Agency) -> bool:
    return agency.kind in (Agency.Kind.PROVINCE, Agency.Kind.DISTRICT, Agency.Kind.COMMUNE)


def _abbr(agency: Agency) -> str:
    return ABBREVIATIONS.get(agency.slug, "UBND")


def _en() -> Locale:
    return Locale.objects.get(language_code="en")


# --- shared taxonomies and images ------------------------------------------------


def ensure_taxonomies() -> dict:
    types = {name: f.document_type(name, name_en, order) for order, (name, name_en) in enumerate(TYPES)}
    issuers = {
        "chinh-phu": f.issuer("Chính phủ", "The Government", 1),
        "ubnd-tinh": f.issuer("Ủy ban nhân dân tỉnh Hà Tĩnh", "Ha Tinh Provincial People's Committee", 3),
        "hdnd-tinh": f.issuer("Hội đồng nhân dân tỉnh Hà Tĩnh", "Ha Tinh Provincial People's Council", 2),
    }
    return {"types": types, "issuers": issuers}


def _portrait_png(shade: int) -> bytes:
    """A neutral silhouette: the demo ships no photographs of people."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    img = PILImage.new("RGB", (320, 400), (226, 230, 236))
    draw = ImageDraw.Draw(img)
    colour = (shade, shade + 8, shade + 20)
    draw.ellipse((105, 70, 215, 190), fill=colour)
    draw.ellipse((50, 210, 270, 470), fill=colour)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def ensure_portraits() -> list:
    from django.core.files.images import ImageFile

    Image = get_image_model()
    portraits = []
    for i, shade in enumerate((92, 112, 132)):
        title = f"Ảnh chân dung minh họa {i + 1}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, collection=Collection.get_first_root_node())
            image.file = ImageFile(io.BytesIO(_portrait_png(shade)), name=f"chan-dung-minh-hoa-{i + 1}.png")
            image.save()
        portraits.append(image)
    return portraits


# --- per agency --------------------------------------------------------------------


def _replace_plain_page(home: Page, slug: str, cls) -> Page | None:
    """The plain page home/demo.py made at ``slug``, removed if it is not a ``cls`` yet."""
    existing = home.get_children().filter(slug=slug).first()
    if existing is None:
        return None
    if isinstance(existing.specific, cls):
        return existing.specific
    for translation in existing.get_translations():
        translation.delete()
    existing.delete()
    return None


def _translate(page: Page, **fields) -> Page:
    translation = page.get_translation_or_none(_en())
    if translation is None:
        translation = page.copy_for_translation(_en())
        for key, value in fields.items():
            setattr(translation, key, value)
        translation.save_revision().publish()
    return translation


def ensure_organisation(agency: Agency, home: Page, portraits: list) -> int:
    if _replace_plain_page(home, "co-cau-to-chuc", OrganisationPage):
        return 0
    committee = _is_committee(agency)
    head, deputy = ("Chủ tịch", "Phó Chủ tịch") if committee else ("Giám đốc", "Phó Giám đốc")
    head_en, deputy_en = ("Chairperson", "Vice Chairperson") if committee else ("Director", "Deputy Director")
    names = LEADER_NAMES[agency.pk % len(LEADER_NAMES)]
    duties = [
        "Lãnh đạo, điều hành chung; phụ trách công tác tổ chức cán bộ, tài chính, thi đua – khen thưởng.",
        "Phụ trách công tác cải cách hành chính, chuyển đổi số và Bộ phận Một cửa.",
        "Phụ trách công tác thanh tra, giải quyết khiếu nại, tố cáo và tiếp công dân.",
    ]
    duties_en = [
        "Overall leadership; in charge of personnel, finance, emulation and awards.",
        "In charge of administrative reform, digital transformation and the one-stop desk.",
        "In charge of inspection, complaints and denunciations, and receiving citizens.",
    ]
    if committee:
        divisions = ["Văn phòng", "Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính – Kế hoạch", "Bộ phận Một cửa"]
        divisions_en = ["Office", "Home Affairs Division", "Justice Division", "Finance and Planning Division"]
        divisions_en.append("One-stop desk")
    else:
        divisions = ["Văn phòng", "Thanh tra", "Phòng Kế hoạch – Tài chính", "Phòng Nghiệp vụ", "Bộ phận Một cửa"]
        divisions_en = ["Office", "Inspectorate", "Planning and Finance Division", "Specialised Division"]
        divisions_en.append("One-stop desk")
    page = OrganisationPage(
        title="Cơ cấu tổ chức",
        slug="co-cau-to-chuc",
        show_in_menus=True,
        intro=f"Chức năng, nhiệm vụ, lãnh đạo và các phòng, đơn vị của {agency.name}.",
        functions=_rich(
            f"{agency.name} là cơ quan {'hành chính nhà nước' if committee else 'chuyên môn'} "
            "thực hiện chức năng quản lý nhà nước theo quy định của pháp luật và phân cấp của Ủy ban nhân dân tỉnh.",
        )
        + _list(
            "Trình cấp có thẩm quyền ban hành văn bản quy phạm pháp luật, kế hoạch, chương trình trong lĩnh vực được giao.",
            "Tổ chức thực hiện văn bản pháp luật; tuyên truyền, phổ biến, giáo dục pháp luật.",
            "Giải quyết thủ tục hành chính cho tổ chức, cá nhân theo cơ chế một cửa, một cửa liên thông.",
            "Thanh tra, kiểm tra; giải quyết khiếu nại, tố cáo; phòng, chống tham nhũng theo thẩm quyền.",
        ),
        structure=[
            ("heading", {"text": "Các phòng, đơn vị", "level": "h3"}),
            ("paragraph", _list(*divisions)),
        ],
    )
    for i, (name, portrait) in enumerate(zip(names, portraits, strict=True)):
        page.leaders.add(
            Leader(
                name=name,
                position=head if i == 0 else deputy,
                duties=duties[i],
                photo=portrait,
                phone=f"0239 3855 {(agency.pk * 3 + i) % 1000:03d}",
                email=f"{fold(name.split()[-1]).lower()}.{agency.slug.replace('-', '')}@hatinh.gov.vn",
                sort_order=i,
            )
        )
    f.add_published(home, page)
    intro_page = home.get_children().filter(slug="gioi-thieu").first()
    if intro_page is not None:
        page.move(intro_page, pos="right")
        page.refresh_from_db()
    en = _translate(
        page,
        title="Organisation",
        intro=f"Functions and duties, leadership and divisions of the {agency.name_en or agency.name}.",
        functions=_rich(
            f"The {agency.name_en or agency.name} carries out state management as provided by law "
            "and as delegated by the Provincial People's Committee."
        )
        + _list(
            "Proposes legal documents, plans and programmes in its field.",
            "Implements legal documents and disseminates the law.",
            "Handles administrative procedures for citizens and organisations through the one-stop desk.",
            "Inspects, handles complaints and denunciations, and fights corruption within its remit.",
        ),
        structure=[
            ("heading", {"text": "Divisions", "level": "h3"}),
            ("paragraph", _list(*divisions_en)),
        ],
    )
    en = en.specific
    leaders = list(en.leaders.all())
    for leader, duty in zip(leaders, duties_en, strict=True):
        leader.position = head_en if leader.sort_order == 0 else deputy_en
        leader.duties = duty
    en.leaders = leaders
    en.save_revision().publish()
    return 2


def _own_issuer(agency: Agency):
    return f.issuer(agency.name, agency.name_en)


def _documents_for(agency: Agency, tax: dict) -> list[dict]:
    types, issuers = tax["types"], tax["issuers"]
    abbr = _abbr(agency)
    own = issuers["ubnd-tinh"] if agency.slug == "ha-tinh" else _own_issuer(agency)
    seq = 100 + agency.pk * 7
    docs = [
        {
            "doc_type": types[t],
            "number": number,
            "doc_issuer": issuers[key],
            "issued": issued,
            "effective": effective,
            "expiry": expiry,
            "status": status,
            "summary": summary,
        }
        for t, number, key, issued, effective, expiry, status, summary in SHARED_DOCUMENTS
    ]
    ministry = MINISTRIES.get(agency.slug)
    if ministry:
        ministry_issuer = f.issuer(*ministry)
        for t, number, issued, effective, summary, *issuer in MINISTRY_DOCUMENTS.get(agency.slug, []):
            docs.append(
                {
                    "doc_type": types[t],
                    "number": number,
                    "doc_issuer": f.issuer(*issuer[0]) if issuer else ministry_issuer,
                    "issued": issued,
                    "effective": effective,
                    "summary": summary,
                }
            )
    if agency.slug != "ha-tinh":
        docs.append(
            {
                "doc_type": types["Quyết định"],
                "number": f"{seq}/QĐ-{abbr}",
                "doc_issuer": own,
                "issued": date(2024, 3, 4),
                "summary": f"Ban hành Quy chế làm việc của {agency.name}",
            }
        )
    return docs


def _directions_for(agency: Agency, tax: dict) -> list[dict]:
    types = tax["types"]
    abbr = _abbr(agency)
    own = tax["issuers"]["ubnd-tinh"] if agency.slug == "ha-tinh" else _own_issuer(agency)
    seq = 1200 + agency.pk * 13
    head = "Chủ tịch UBND" if _is_committee(agency) else "Giám đốc Sở"
    return [
        {
            "doc_type": types["Chỉ thị"],
            "number": f"{agency.pk:02d}/CT-{abbr}" if agency.slug == "ha-tinh" else f"{seq}/{abbr}-VP",
            "doc_issuer": own,
            "issued": date(2025, 2, 10),
            "summary": "Về tăng cường kỷ luật, kỷ cương hành chính và nâng cao chất lượng giải quyết thủ tục "
            "hành chính trên môi trường điện tử",
        },
        {
            "doc_type": types["Thông báo"],
            "number": f"{seq + 5}/TB-{abbr}",
            "doc_issuer": own,
            "issued": date(2025, 6, 3),
            "summary": f"Kết luận của {head} tại cuộc họp giao ban công tác tháng 5 năm 2025",
        },
        {
            "doc_type": types["Công văn"],
            "number": f"{seq + 9}/{abbr}-VP",
            "doc_issuer": own,
            "issued": date(2025, 9, 22),
            "summary": "Về việc triển khai thu phí, lệ phí trực tuyến và trả kết quả thủ tục hành chính qua "
            "dịch vụ bưu chính công ích",
        },
    ]


def _plans_for(agency: Agency, tax: dict) -> list[dict]:
    types = tax["types"]
    abbr = _abbr(agency)
    own = tax["issuers"]["ubnd-tinh"] if agency.slug == "ha-tinh" else _own_issuer(agency)
    seq = 40 + agency.pk * 3
    return [
        {
            "doc_type": types["Kế hoạch"],
            "number": f"{seq}/KH-{abbr}",
            "doc_issuer": own,
            "issued": date(2025, 1, 8),
            "summary": "Kế hoạch cải cách hành chính và chuyển đổi số năm 2025",
        },
        {
            "doc_type": types["Báo cáo"],
            "number": f"{seq + 150}/BC-{abbr}",
            "doc_issuer": own,
            "issued": date(2025, 6, 18),
            "summary": "Báo cáo kết quả công tác cải cách hành chính 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2025",
        },
    ]


def ensure_library(agency: Agency, home: Page, cls, slug: str, title: str, title_en: str, intro: str, docs) -> int:
    if home.get_children().filter(slug=slug).exists():
        return 0
    library = f.add_published(home, cls(title=title, slug=slug, intro=intro, show_in_menus=True))
    for spec in docs:
        f.legal_document(
            library,
            file=f.text_document(
                f"{spec['doc_type'].name} {spec['number']}",
                f"{spec['doc_type'].name} số {spec['number']}\n\n{spec['summary']}\n\n(Tệp minh họa của bản demo.)",
                agency.collection,
            ),
            # Many documents per site: live pages without a first revision keep the demo fast;
            # editing one in the admin creates its first revision.
            revision=False,
            **spec,
        )
    _translate(library, title=title_en, intro="")
    return 2 + len(docs)


CONSULTATION_TEXT = {
    "so-y-te": (
        "Dự thảo Quyết định quy định giá dịch vụ khám bệnh, chữa bệnh không thuộc phạm vi thanh toán "
        "của Quỹ bảo hiểm y tế tại các cơ sở y tế công lập",
        "Sở Y tế lấy ý kiến của tổ chức, cá nhân về dự thảo quy định giá dịch vụ khám bệnh, chữa bệnh "
        "không thuộc phạm vi thanh toán của Quỹ bảo hiểm y tế.",
    ),
    "so-gtvt": (
        "Dự thảo Quyết định quy định tải trọng, khổ giới hạn của đường bộ trên các tuyến đường tỉnh",
        "Sở Giao thông vận tải lấy ý kiến về dự thảo quy định tải trọng, khổ giới hạn đường bộ trên các tuyến "
        "đường tỉnh quản lý.",
    ),
}


def ensure_consultations(agency: Agency, home: Page) -> int:
    if ConsultationIndexPage.objects.child_of(home).exists():
        return 0
    index = f.add_published(
        home,
        ConsultationIndexPage(
            title="Lấy ý kiến dự thảo văn bản",
            slug="lay-y-kien",
            show_in_menus=True,
            intro="Các dự thảo văn bản đang lấy ý kiến góp ý rộng rãi của tổ chức, cá nhân.",
        ),
    )
    _translate(index, title="Public consultation on draft documents", intro="")
    title, summary = CONSULTATION_TEXT.get(
        agency.slug,
        (
            f"Dự thảo Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của người dân và doanh nghiệp tại {agency.name}",
            f"{agency.name} lấy ý kiến góp ý của tổ chức, cá nhân về dự thảo quy chế tiếp nhận, xử lý phản ánh, "
            "kiến nghị về thủ tục hành chính.",
        ),
    )
    draft_file = f.text_document("Dự thảo lấy ý kiến", f"{title}\n\n{summary}", agency.collection)
    open_draft = f.consultation(
        index,
        title=title,
        slug="du-thao-dang-lay-y-kien",
        summary=summary,
        closes_in=timedelta(days=30),
        draft_file=draft_file,
        drafting_body=agency.name,
        body=_rich(
            "Tổ chức, cá nhân gửi ý kiến góp ý bằng biểu mẫu dưới đây hoặc gửi văn bản về cơ quan "
            "chủ trì soạn thảo trước thời hạn.",
            "Ý kiến góp ý được cơ quan tổng hợp, tiếp thu, giải trình và công khai sau khi kiểm duyệt.",
        ),
    )
    ConsultationComment.objects.create(
        page=open_draft,
        name="Nguyễn Thị Thanh",
        organisation="Hội Doanh nghiệp nhỏ và vừa tỉnh Hà Tĩnh",
        email="thanh@example.vn",
        body="Đề nghị cơ quan soạn thảo quy định rõ thời hạn trả lời phản ánh, kiến nghị và cách thức thông báo "
        "kết quả cho người gửi.",
        status=ConsultationComment.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    ConsultationComment.objects.create(
        page=open_draft, name="Trần Văn Bình", email="binh@example.vn", body="Tôi đồng ý với dự thảo."
    )
    f.consultation(
        index,
        title="Dự thảo Kế hoạch cải cách hành chính năm 2025",
        slug="du-thao-ke-hoach-cai-cach-hanh-chinh-2025",
        summary="Lấy ý kiến về dự thảo Kế hoạch cải cách hành chính năm 2025.",
        closes_in=timedelta(days=-300),
        drafting_body=agency.name,
    )
    return 4


QUESTIONS = {
    "so-y-te": [
        (
            "Hồ sơ đề nghị cấp chứng chỉ hành nghề dược gồm những gì?",
            "Tôi tốt nghiệp đại học dược năm 2022, đã thực hành tại nhà thuốc 2 năm. Xin hỏi hồ sơ đề nghị cấp "
            "chứng chỉ hành nghề dược gồm những giấy tờ gì và nộp ở đâu?",
            "Hồ sơ gồm: đơn đề nghị cấp chứng chỉ hành nghề dược; bản sao văn bằng chuyên môn; giấy xác nhận thời "
            "gian thực hành chuyên môn; giấy chứng nhận đủ sức khỏe; ảnh chân dung. Ông/bà có thể nộp trực tuyến "
            "trên Cổng dịch vụ công hoặc nộp trực tiếp tại Bộ phận Một cửa của Sở Y tế.",
        ),
        (
            "Khám bệnh trái tuyến có được bảo hiểm y tế chi trả không?",
            "Tôi có thẻ bảo hiểm y tế đăng ký tại trạm y tế xã, nếu lên bệnh viện tỉnh khám thì có được thanh toán không?",
            "Theo Luật Bảo hiểm y tế, người tham gia bảo hiểm y tế tự đi khám bệnh, chữa bệnh không đúng tuyến "
            "tại bệnh viện tuyến tỉnh được quỹ thanh toán chi phí điều trị nội trú theo mức hưởng quy định. "
            "Chi phí khám ngoại trú trái tuyến tại bệnh viện tỉnh không được quỹ thanh toán, trừ trường hợp cấp cứu.",
        ),
    ],
    "so-gtvt": [
        (
            "Đổi giấy phép lái xe trực tuyến như thế nào?",
            "Giấy phép lái xe hạng B2 của tôi sắp hết hạn. Tôi có thể làm thủ tục đổi trực tuyến không?",
            "Ông/bà có thể đổi giấy phép lái xe trực tuyến trên Cổng dịch vụ công quốc gia: kê khai tờ khai, tải "
            "ảnh chân dung và giấy khám sức khỏe điện tử, nộp lệ phí trực tuyến. Giấy phép lái xe mới được gửi qua "
            "dịch vụ bưu chính công ích đến địa chỉ ông/bà đăng ký.",
        ),
    ],
}

COMMON_QUESTIONS = [
    (
        "Làm thế nào để tra cứu tình trạng hồ sơ đã nộp?",
        "Tôi đã nộp hồ sơ tại Bộ phận Một cửa và được cấp giấy tiếp nhận. Làm sao để biết hồ sơ đang xử lý đến đâu?",
        "Ông/bà nhập mã hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả vào mục Tra cứu hồ sơ trên "
        "trang thông tin điện tử này hoặc trên Cổng dịch vụ công của tỉnh để theo dõi tình trạng xử lý.",
    ),
    (
        "Bộ phận Một cửa có làm việc vào thứ Bảy không?",
        "Tôi đi làm cả tuần, xin hỏi có thể nộp hồ sơ vào sáng thứ Bảy không?",
        "Bộ phận Một cửa làm việc từ thứ Hai đến thứ Sáu. Ngoài giờ làm việc, ông/bà có thể nộp hồ sơ "
        "trực tuyến đối với các thủ tục có cung cấp dịch vụ công trực tuyến.",
    ),
]


def ensure_questions(agency: Agency, home: Page) -> int:
    if QuestionIndexPage.objects.child_of(home).exists():
        return 0
    page = f.add_published(
        home,
        QuestionIndexPage(
            title="Hỏi đáp",
            slug="hoi-dap",
            show_in_menus=True,
            intro="Người dân, doanh nghiệp gửi câu hỏi về lĩnh vực do cơ quan quản lý. "
            "Câu hỏi và câu trả lời được công khai sau khi kiểm duyệt.",
        ),
    )
    _translate(page, title="Questions and answers", intro="")
    askers = ["Nguyễn Văn An", "Lê Thị Hoa", "Phạm Quốc Việt", "Hồ Thị Nga"]
    for i, (title, text, answer) in enumerate(QUESTIONS.get(agency.slug, []) + COMMON_QUESTIONS):
        item = Question(
            page=page,
            name=askers[i % len(askers)],
            email=f"nguoidan{i + 1}@example.vn",
            title=title,
            question=text,
            answer=answer,
            status=Question.Status.PUBLISHED,
            answered_at=timezone.now(),
            published_at=timezone.now() - timedelta(days=i),
        )
        item.save()
    Question(
        page=page,
        name="Võ Văn Tâm",
        phone="0987 654 321",
        title="Thời hạn giải quyết hồ sơ",
        question="Hồ sơ của tôi đã quá hạn hẹn trả kết quả 3 ngày, tôi cần liên hệ ai?",
    ).save()
    return 2


def ensure_contact(agency: Agency, home: Page) -> int:
    if _replace_plain_page(home, "lien-he", ContactPage):
        return 0
    page = f.add_published(
        home,
        ContactPage(
            title="Liên hệ",
            slug="lien-he",
            show_in_menus=True,
            intro="Địa chỉ, điện thoại và thời gian tiếp nhận hồ sơ.",
            body=[
                (
                    "paragraph",
                    _rich(
                        "Bộ phận Một cửa tiếp nhận hồ sơ sáng từ 7h00 đến 11h30, chiều từ 13h30 đến 17h00, "
                        "từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ, Tết).",
                        "Phản ánh, kiến nghị về thủ tục hành chính xin gửi qua mục Hỏi đáp hoặc đường dây nóng.",
                    ),
                )
            ],
        ),
    )
    _translate(
        page,
        title="Contact",
        intro="Address, telephone and the hours when dossiers are received.",
        body=[
            (
                "paragraph",
                _rich(
                    "The one-stop desk receives dossiers from 7:00 to 11:30 and from 13:30 to 17:00, "
                    "Monday to Friday (except public holidays).",
                    "Feedback on administrative procedures: use Questions and answers or the hotline.",
                ),
            )
        ],
    )
    return 2


def ensure_sections(agency: Agency, tax: dict, portraits: list) -> int:
    home = agency.home_page.specific
    created = ensure_organisation(agency, home, portraits)
    created += ensure_library(
        agency,
        home,
        LegalDocumentIndexPage,
        "van-ban-phap-luat",
        "Văn bản pháp luật",
        "Legal documents",
        "Văn bản quy phạm pháp luật và văn bản hành chính liên quan đến lĩnh vực quản lý của cơ quan.",
        _documents_for(agency, tax),
    )
    created += ensure_library(
        agency,
        home,
        DirectionIndexPage,
        "chi-dao-dieu-hanh",
        "Văn bản chỉ đạo điều hành",
        "Direction and administration",
        "Chỉ thị, thông báo kết luận và công văn chỉ đạo, điều hành của cơ quan.",
        _directions_for(agency, tax),
    )
    created += ensure_library(
        agency,
        home,
        PlanReportIndexPage,
        "ke-hoach-bao-cao",
        "Kế hoạch, báo cáo",
        "Plans and reports",
        "Kế hoạch công tác và báo cáo định kỳ của cơ quan.",
        _plans_for(agency, tax),
    )
    created += ensure_consultations(agency, home)
    created += ensure_questions(agency, home)
    created += ensure_contact(agency, home)
    return created


@transaction.atomic
def load(stdout=None) -> str:
    tax = ensure_taxonomies()
    portraits = ensure_portraits()
    created = 0
    agencies = Agency.objects.active().filter(home_page__isnull=False).select_related("home_page", "collection")
    for agency in agencies:
        created += ensure_sections(agency, tax, portraits)
    documents = LegalDocumentPage.objects.count()
    drafts = ConsultationPage.objects.count()
    return (
        f"Chuyên mục theo Nghị định 42/2022 – trang mới: {created}; "
        f"văn bản: {documents}; dự thảo: {drafts}; câu hỏi: {Question.objects.count()}"
    )
