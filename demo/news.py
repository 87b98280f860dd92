"""Demo news: categories, a news index on every agency site, a few articles each,
English translations of some (made with wagtail-localize), and featured news on the portal.

Idempotent: pages are found by slug, categories by slug, features by article.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from core.translation import translate
from news.models import NewsArticlePage, NewsCategory, NewsIndexPage, PortalFeature
from news.setup import ensure_news_index
from news.signals import grant_portal_moderation
from sites.models import Agency

CATEGORIES = [
    ("chi-dao-dieu-hanh", "Chỉ đạo điều hành", "Direction and administration"),
    ("cai-cach-hanh-chinh", "Cải cách hành chính", "Administrative reform"),
    ("chuyen-doi-so", "Chuyển đổi số", "Digital transformation"),
    ("y-te", "Y tế – Sức khỏe", "Health"),
    ("giao-thong", "Giao thông", "Transport"),
    ("lao-dong-viec-lam", "Lao động – Việc làm", "Labour and employment"),
    ("kinh-te", "Kinh tế – Đầu tư", "Economy and investment"),
    ("moi-truong", "Tài nguyên – Môi trường", "Natural resources and environment"),
    ("van-hoa-xa-hoi", "Văn hóa – Xã hội", "Culture and society"),
]


def _a(slug, title, lead, paragraphs, categories, *, days_ago, author="", source="", feature=False, en=None):
    return {
        "slug": slug,
        "title": title,
        "lead": lead,
        "paragraphs": paragraphs,
        "categories": categories,
        "days_ago": days_ago,
        "author": author,
        "source": source,
        "feature": feature,
        "en": en,
    }


ARTICLES: dict[str, list[dict]] = {
    "ha-tinh": [
        _a(
            "ubnd-tinh-hop-phien-thuong-ky",
            "UBND tỉnh họp phiên thường kỳ",
            "Ủy ban nhân dân tỉnh đánh giá tình hình kinh tế – xã hội trong tháng và bàn giải pháp thúc đẩy giải ngân vốn đầu tư công.",
            [
                "Phiên họp do Chủ tịch UBND tỉnh chủ trì, với sự tham dự của lãnh đạo các sở, ban, ngành và UBND các huyện, thị xã, thành phố.",
                "Tỉnh yêu cầu các chủ đầu tư đẩy nhanh tiến độ giải phóng mặt bằng, giải ngân vốn đầu tư công đạt trên 30% kế hoạch trong quý tới.",
            ],
            ["chi-dao-dieu-hanh", "kinh-te"],
            days_ago=2,
            author="Văn phòng UBND tỉnh",
            en={
                "UBND tỉnh họp phiên thường kỳ": "Provincial People's Committee holds its monthly meeting",
                "Ủy ban nhân dân tỉnh đánh giá tình hình kinh tế – xã hội trong tháng và bàn giải pháp thúc đẩy giải ngân vốn đầu tư công.": "The Provincial People's Committee reviewed the month's economic and social situation and discussed how to speed up public investment.",
                "Phiên họp do Chủ tịch UBND tỉnh chủ trì, với sự tham dự của lãnh đạo các sở, ban, ngành và UBND các huyện, thị xã, thành phố.": "The meeting was chaired by the Chairman of the Provincial People's Committee and attended by the heads of departments and districts.",
                "Tỉnh yêu cầu các chủ đầu tư đẩy nhanh tiến độ giải phóng mặt bằng, giải ngân vốn đầu tư công đạt trên 30% kế hoạch trong quý tới.": "Project owners were asked to speed up site clearance and disburse over 30% of planned public investment next quarter.",
            },
        ),
        _a(
            "phat-dong-thang-cao-diem-cai-cach-hanh-chinh",
            "Phát động tháng cao điểm cải cách thủ tục hành chính",
            "Các cơ quan trong tỉnh rà soát, cắt giảm thời gian giải quyết thủ tục và tăng tỷ lệ hồ sơ nộp trực tuyến.",
            [
                "Trong tháng cao điểm, mỗi sở, ngành đăng ký ít nhất ba thủ tục hành chính để đơn giản hóa thành phần hồ sơ.",
                "Bộ phận Một cửa các cấp hướng dẫn người dân nộp hồ sơ trực tuyến và tra cứu kết quả trên Cổng dịch vụ công.",
            ],
            ["cai-cach-hanh-chinh"],
            days_ago=6,
            source="Văn phòng UBND tỉnh",
        ),
    ],
    "so-tttt": [
        _a(
            "ha-tinh-day-manh-chuyen-doi-so-cap-xa",
            "Hà Tĩnh đẩy mạnh chuyển đổi số cấp xã",
            "Tổ công nghệ số cộng đồng được thành lập ở tất cả các xã, phường, thị trấn để hướng dẫn người dân dùng dịch vụ công trực tuyến.",
            [
                "Các tổ công nghệ số cộng đồng hỗ trợ người dân cài đặt ứng dụng định danh điện tử, thanh toán không dùng tiền mặt và nộp hồ sơ trực tuyến.",
                "Sở Thông tin và Truyền thông đã tập huấn cho hơn 1.500 thành viên các tổ.",
            ],
            ["chuyen-doi-so"],
            days_ago=3,
            author="Phòng Bưu chính – Viễn thông",
            feature=True,
            en={
                "Hà Tĩnh đẩy mạnh chuyển đổi số cấp xã": "Ha Tinh steps up digital transformation in communes",
                "Tổ công nghệ số cộng đồng được thành lập ở tất cả các xã, phường, thị trấn để hướng dẫn người dân dùng dịch vụ công trực tuyến.": "Community digital teams now work in every commune and ward, helping residents use online public services.",
                "Các tổ công nghệ số cộng đồng hỗ trợ người dân cài đặt ứng dụng định danh điện tử, thanh toán không dùng tiền mặt và nộp hồ sơ trực tuyến.": "The teams help residents install the electronic identification app, pay without cash and submit dossiers online.",
                "Sở Thông tin và Truyền thông đã tập huấn cho hơn 1.500 thành viên các tổ.": "The Department of Information and Communications has trained more than 1,500 team members.",
            },
        ),
        _a(
            "canh-bao-lua-dao-qua-mang",
            "Cảnh báo thủ đoạn lừa đảo qua mạng giả danh cơ quan nhà nước",
            "Người dân không cung cấp mã OTP, không bấm vào đường link lạ gửi qua tin nhắn tự xưng là cơ quan nhà nước.",
            [
                "Thời gian gần đây xuất hiện nhiều tin nhắn giả danh cơ quan thuế, công an, điện lực yêu cầu cập nhật thông tin cá nhân.",
                "Cơ quan nhà nước không yêu cầu người dân chuyển tiền hay cung cấp mật khẩu qua điện thoại. Khi nghi ngờ, hãy gọi đường dây nóng của cơ quan để xác minh.",
            ],
            ["chuyen-doi-so"],
            days_ago=9,
        ),
    ],
    "so-y-te": [
        _a(
            "ra-quan-phong-chong-sot-xuat-huyet",
            "Sở Y tế ra quân phòng chống sốt xuất huyết",
            "Các trạm y tế phối hợp với chính quyền cơ sở diệt bọ gậy, phun hóa chất tại các khu dân cư có ca bệnh.",
            [
                "Sở Y tế đề nghị người dân thường xuyên đậy kín dụng cụ chứa nước, thu gom vật dụng phế thải quanh nhà.",
                "Khi có biểu hiện sốt cao đột ngột, đau đầu, đau cơ, người dân cần đến cơ sở y tế gần nhất để được khám và theo dõi.",
            ],
            ["y-te"],
            days_ago=1,
            author="Nguyễn Thị Lan",
            feature=True,
            en={
                "Sở Y tế ra quân phòng chống sốt xuất huyết": "Department of Health launches dengue prevention campaign",
                "Các trạm y tế phối hợp với chính quyền cơ sở diệt bọ gậy, phun hóa chất tại các khu dân cư có ca bệnh.": "Health stations and local authorities are destroying larvae and spraying in neighbourhoods with cases.",
                "Sở Y tế đề nghị người dân thường xuyên đậy kín dụng cụ chứa nước, thu gom vật dụng phế thải quanh nhà.": "Residents are asked to cover water containers and clear discarded items around their homes.",
                "Khi có biểu hiện sốt cao đột ngột, đau đầu, đau cơ, người dân cần đến cơ sở y tế gần nhất để được khám và theo dõi.": "Anyone with a sudden high fever, headache or muscle pain should see the nearest health facility.",
            },
        ),
        _a(
            "cap-chung-chi-hanh-nghe-truc-tuyen",
            "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh trực tuyến",
            "Từ nay, người hành nghề có thể nộp hồ sơ đề nghị cấp chứng chỉ hành nghề trực tuyến, không phải đến Bộ phận Một cửa.",
            [
                "Hồ sơ gồm đơn đề nghị, văn bằng chuyên môn, giấy xác nhận quá trình thực hành và giấy chứng nhận đủ sức khỏe, nộp dưới dạng bản điện tử.",
                "Người nộp nhận mã hồ sơ để tra cứu tình trạng giải quyết và nhận kết quả tại Bộ phận Một cửa của Sở.",
            ],
            ["y-te", "cai-cach-hanh-chinh"],
            days_ago=5,
            author="Phòng Nghiệp vụ Y",
        ),
        _a(
            "kham-sang-loc-benh-khong-lay-nhiem",
            "Khám sàng lọc bệnh không lây nhiễm cho người cao tuổi",
            "Hơn 12.000 người cao tuổi được đo huyết áp, xét nghiệm đường huyết miễn phí tại trạm y tế xã.",
            [
                "Chương trình giúp phát hiện sớm tăng huyết áp, đái tháo đường và hướng dẫn người bệnh quản lý tại tuyến xã.",
            ],
            ["y-te", "van-hoa-xa-hoi"],
            days_ago=12,
            source="Trung tâm Kiểm soát bệnh tật tỉnh",
        ),
    ],
    "so-gtvt": [
        _a(
            "doi-giay-phep-lai-xe-truc-tuyen",
            "Đổi giấy phép lái xe trực tuyến trên Cổng dịch vụ công",
            "Người dân đổi giấy phép lái xe do ngành giao thông vận tải cấp có thể nộp hồ sơ và nhận kết quả qua bưu chính.",
            [
                "Người đề nghị chụp ảnh giấy phép lái xe, giấy khám sức khỏe và điền tờ khai trực tuyến.",
                "Sở Giao thông vận tải trả kết quả qua dịch vụ bưu chính công ích trong thời hạn 05 ngày làm việc.",
            ],
            ["giao-thong", "cai-cach-hanh-chinh"],
            days_ago=2,
            author="Phòng Quản lý phương tiện và người lái",
            feature=True,
            en={
                "Đổi giấy phép lái xe trực tuyến trên Cổng dịch vụ công": "Renew your driving licence online on the Public Service Portal",
                "Người dân đổi giấy phép lái xe do ngành giao thông vận tải cấp có thể nộp hồ sơ và nhận kết quả qua bưu chính.": "Driving licences issued by the transport sector can now be renewed online, with the result delivered by post.",
                "Người đề nghị chụp ảnh giấy phép lái xe, giấy khám sức khỏe và điền tờ khai trực tuyến.": "Applicants photograph their licence and health certificate and fill in the form online.",
                "Sở Giao thông vận tải trả kết quả qua dịch vụ bưu chính công ích trong thời hạn 05 ngày làm việc.": "The Department of Transport sends the result by public postal service within 5 working days.",
            },
        ),
        _a(
            "phan-luong-giao-thong-quoc-lo-1",
            "Phân luồng giao thông trên Quốc lộ 1 đoạn qua thị xã Hồng Lĩnh",
            "Từ ngày 15 tháng này, xe tải trên 10 tấn đi theo tuyến tránh để phục vụ thi công sửa chữa mặt đường.",
            [
                "Đơn vị thi công bố trí biển báo, đèn tín hiệu và người hướng dẫn giao thông tại hai đầu đoạn sửa chữa.",
            ],
            ["giao-thong"],
            days_ago=7,
        ),
    ],
    "so-ld-tbxh": [
        _a(
            "phien-giao-dich-viec-lam",
            "Phiên giao dịch việc làm tuyển hơn 2.000 lao động",
            "Ba mươi doanh nghiệp trong và ngoài tỉnh tuyển dụng công nhân, kỹ thuật viên và lao động đi làm việc ở nước ngoài.",
            [
                "Người lao động được tư vấn miễn phí về chính sách bảo hiểm thất nghiệp và học nghề.",
                "Phiên giao dịch được tổ chức trực tiếp tại Trung tâm Dịch vụ việc làm tỉnh và trực tuyến trên sàn việc làm.",
            ],
            ["lao-dong-viec-lam"],
            days_ago=4,
            feature=True,
        ),
        _a(
            "chi-tra-tro-cap-nguoi-co-cong",
            "Chi trả trợ cấp ưu đãi người có công qua tài khoản ngân hàng",
            "Gần 70% người có công với cách mạng trên địa bàn tỉnh đã nhận trợ cấp hằng tháng qua tài khoản.",
            [
                "Việc chi trả không dùng tiền mặt giúp người hưởng nhận tiền đúng hạn, không phải chờ đợi tại điểm chi trả."
            ],
            ["van-hoa-xa-hoi"],
            days_ago=10,
        ),
    ],
    "so-tu-phap": [
        _a(
            "cap-phieu-ly-lich-tu-phap-tren-vneid",
            "Cấp phiếu lý lịch tư pháp qua ứng dụng VNeID",
            "Người dân đề nghị cấp phiếu lý lịch tư pháp trên ứng dụng VNeID, không phải nộp bản sao giấy tờ tùy thân.",
            [
                "Phiếu lý lịch tư pháp điện tử có giá trị pháp lý như bản giấy và được gửi về ứng dụng của người đề nghị."
            ],
            ["cai-cach-hanh-chinh", "chuyen-doi-so"],
            days_ago=3,
        ),
    ],
    "so-ke-hoach-dau-tu": [
        _a(
            "trao-giay-chung-nhan-dau-tu",
            "Trao giấy chứng nhận đăng ký đầu tư cho ba dự án mới",
            "Tổng vốn đăng ký hơn 1.200 tỷ đồng, tập trung vào chế biến nông sản và năng lượng tái tạo.",
            ["Sở Kế hoạch và Đầu tư cam kết đồng hành cùng nhà đầu tư trong quá trình triển khai dự án."],
            ["kinh-te"],
            days_ago=8,
        ),
    ],
    "so-tai-nguyen-moi-truong": [
        _a(
            "huong-dan-phan-loai-rac-tai-nguon",
            "Hướng dẫn phân loại rác thải sinh hoạt tại nguồn",
            "Từ năm 2026, hộ gia đình phân loại rác thành ba nhóm: rác tái chế, rác thực phẩm và rác khác.",
            ["Rác thực phẩm có thể ủ làm phân bón tại nhà; rác tái chế được thu gom riêng theo lịch của địa phương."],
            ["moi-truong"],
            days_ago=6,
        ),
    ],
}

GENERIC_ARTICLES = [
    _a(
        "tiep-cong-dan-dinh-ky",
        "Lịch tiếp công dân định kỳ trong tháng",
        "Lãnh đạo {name} tiếp công dân vào ngày 15 hằng tháng tại trụ sở cơ quan.",
        [
            "Công dân đến kiến nghị, phản ánh mang theo giấy tờ tùy thân và tài liệu liên quan.",
            "Trường hợp ngày 15 trùng ngày nghỉ, lịch tiếp được chuyển sang ngày làm việc kế tiếp.",
        ],
        ["chi-dao-dieu-hanh"],
        days_ago=5,
    ),
    _a(
        "ra-quan-ve-sinh-moi-truong",
        "Ra quân vệ sinh môi trường, hưởng ứng ngày Chủ nhật xanh",
        "Cán bộ, đoàn viên và người dân trên địa bàn {place} cùng dọn vệ sinh đường làng, ngõ xóm.",
        ["Hoạt động được duy trì vào Chủ nhật cuối cùng của mỗi tháng."],
        ["moi-truong", "van-hoa-xa-hoi"],
        days_ago=11,
    ),
]


def _place(agency: Agency) -> str:
    name = agency.name
    for prefix in ("Ủy ban nhân dân ", "UBND "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def ensure_categories() -> dict[str, NewsCategory]:
    result = {}
    for slug, name, name_en in CATEGORIES:
        category, _created = NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})
        result[slug] = category
    return result


def ensure_article(
    index: NewsIndexPage, spec: dict, agency: Agency, categories, en: Locale
) -> tuple[NewsArticlePage, bool]:
    existing = index.get_children().filter(slug=spec["slug"]).first()
    created = False
    fill = {"name": agency.name, "place": _place(agency)}
    if existing is None:
        article = NewsArticlePage(
            title=spec["title"].format(**fill),
            slug=spec["slug"],
            date=timezone.localdate() - datetime.timedelta(days=spec["days_ago"]),
            author=spec["author"],
            source=spec["source"],
            lead=spec["lead"].format(**fill),
            body=[("paragraph", "".join(f"<p>{p.format(**fill)}</p>" for p in spec["paragraphs"]))],
            propose_for_portal=spec["feature"],
        )
        index.add_child(instance=article)
        article.categories.set([categories[c] for c in spec["categories"]])
        article.save_revision().publish()
        created = True
    else:
        article = existing.specific
    if spec["en"] and article.get_translation_or_none(en) is None:
        translate(article, en, spec["en"])
    return article, created


@transaction.atomic
def load(stdout=None) -> str:
    categories = ensure_categories()
    grant_portal_moderation(Agency.objects.portal())  # for networks provisioned before the grant existed
    en = Locale.objects.get(language_code="en")
    created = 0
    featured = 0
    for agency in Agency.objects.active().filter(home_page__isnull=False).order_by("pk"):
        index, _created = ensure_news_index(agency)
        specs = ARTICLES.get(agency.slug) or GENERIC_ARTICLES
        for spec in specs:
            article, is_new = ensure_article(index, spec, agency, categories, en)
            created += is_new
            if spec["feature"]:
                feature = PortalFeature.objects.filter(article=article).first()
                if feature is not None and feature.status == PortalFeature.Status.PROPOSED:
                    feature.decide(None, approve=True, comment="Tin tiêu biểu của mạng (dữ liệu mẫu).")
                    featured += 1
    return f"Tin tức – tin bài mới: {created}, tin nổi bật mới duyệt: {featured}"
