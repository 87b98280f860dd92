"""Demo catalogue: the sample procedures plus generated ones, so every demo agency has several.

Everything goes through the real importer (``procedures.importing``), so the
demo exercises the same code as ``manage.py import_procedures`` — and, like
it, loading twice changes nothing.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.text import slugify

from wagtail.models import Locale

from core.text import fold
from procedures.importing import run_import
from procedures.models import ProcedureField, ProcedureIndexPage
from sites.models import Agency

DEMO_DIR = Path(settings.BASE_DIR) / "demo" / "data"
SAMPLE = DEMO_DIR / "procedures-sample.json"

# Short codes for the generated procedures' codes (HT-<abbr>-1NN; the sample uses 001…).
ABBREVIATIONS = {
    "ha-tinh": "UBT",
    "so-tttt": "TTTT",
    "so-y-te": "YT",
    "so-gtvt": "GTVT",
    "so-ld-tbxh": "LDTBXH",
    "so-tu-phap": "TP",
    "so-ke-hoach-dau-tu": "KHDT",
    "so-tai-nguyen-moi-truong": "TNMT",
    "tp-ha-tinh": "TPHT",
    "tx-hong-linh": "HL",
    "phuong-bac-ha": "BH",
    "phuong-nam-ha": "NH",
    "xa-thach-trung": "TT",
}

FIELD_NAMES_EN = {
    "Hộ tịch": "Civil status",
    "Chứng thực": "Certification",
    "Xây dựng": "Construction",
    "Đất đai": "Land",
    "Thành lập và hoạt động của hộ kinh doanh": "Household businesses",
    "Đường bộ": "Road transport",
    "Dược": "Pharmacy",
    "Khám bệnh, chữa bệnh": "Medical examination and treatment",
    "An toàn thực phẩm": "Food safety",
    "Việc làm": "Employment",
    "Lao động": "Labour",
    "Lý lịch tư pháp": "Judicial records",
    "Công chứng": "Notarisation",
    "Đấu giá tài sản": "Property auctions",
    "Thành lập và hoạt động của doanh nghiệp": "Enterprises",
    "Đầu tư tại Việt Nam": "Investment in Viet Nam",
    "Môi trường": "Environment",
    "Tài nguyên nước": "Water resources",
    "Báo chí": "Press",
    "Xuất bản, In và Phát hành": "Publishing and printing",
    "Phát thanh, truyền hình và thông tin điện tử": "Broadcasting and online information",
    "Tiếp công dân": "Receiving citizens",
    "Giải quyết khiếu nại": "Complaints",
}

HO_TICH_LAW = [
    "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014",
    "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp "
    "thi hành Luật Hộ tịch",
    "Thông tư số 04/2020/TT-BTP ngày 28/5/2020 của Bộ Tư pháp",
]
CHUNG_THUC_LAW = [
    "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao "
    "từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch",
    "Thông tư số 01/2020/TT-BTP ngày 03/3/2020 của Bộ Tư pháp",
]
ONE_STOP = "Bộ phận Một cửa"


def _p(
    field,
    name,
    name_en,
    *,
    level=2,
    methods=("in_person", "postal"),
    time,
    fees="Không",
    subjects=(),
    steps,
    dossier,
    conditions="",
    law,
    result,
):
    return {
        "field": field,
        "name": name,
        "name_en": name_en,
        "level": level,
        "methods": list(methods),
        "processing_time": time,
        "fees": fees,
        "subjects": list(subjects),
        "steps": list(steps),
        "dossier": list(dossier),
        "conditions": conditions,
        "legal_basis": list(law),
        "result": result,
    }


def _form(name, copies=1, form=None):
    """A dossier component; ``form`` is the title of a generated .docx template."""
    return {"name": name, "copies": copies, "form": form}


def commune_procedures(agency: Agency) -> list[dict]:
    where = f"{ONE_STOP} {agency.name}"
    births = _p(
        "Hộ tịch",
        "Đăng ký khai sinh",
        "Birth registration",
        time="Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày "
        "làm việc tiếp theo",
        fees="Miễn lệ phí đăng ký khai sinh đúng hạn",
        subjects=["Cha, mẹ hoặc người có trách nhiệm đi khai sinh cho trẻ em"],
        steps=[
            f"Người yêu cầu nộp tờ khai và giấy tờ theo quy định tại {where}",
            "Công chức tư pháp – hộ tịch kiểm tra hồ sơ; nếu đầy đủ, hợp lệ thì ghi vào Sổ đăng ký khai sinh",
            "Chủ tịch Ủy ban nhân dân cấp xã ký Giấy khai sinh và trả kết quả cho người yêu cầu",
        ],
        dossier=[
            _form("Tờ khai đăng ký khai sinh (theo mẫu)", form="Tờ khai đăng ký khai sinh"),
            _form("Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận về việc sinh"),
        ],
        law=HO_TICH_LAW,
        result="Giấy khai sinh (bản chính) và bản sao Giấy khai sinh nếu có yêu cầu",
    )
    records = [
        _p(
            "Hộ tịch",
            "Đăng ký kết hôn",
            "Marriage registration",
            time="Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh thì không quá 05 ngày làm việc",
            fees="Miễn lệ phí",
            subjects=["Công dân Việt Nam cư trú trong nước đủ điều kiện kết hôn theo quy định của pháp luật"],
            steps=[
                f"Hai bên nam, nữ nộp tờ khai và xuất trình giấy tờ tùy thân tại {where}",
                "Công chức tư pháp – hộ tịch kiểm tra, xác minh; nếu đủ điều kiện thì ghi vào Sổ đăng ký kết hôn",
                "Hai bên nam, nữ cùng có mặt, ký vào Giấy chứng nhận kết hôn và Sổ đăng ký kết hôn",
            ],
            dossier=[
                _form("Tờ khai đăng ký kết hôn (theo mẫu)", form="Tờ khai đăng ký kết hôn"),
                _form("Giấy xác nhận tình trạng hôn nhân (trường hợp đăng ký thường trú ở xã khác)"),
            ],
            conditions="Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do hai bên tự nguyện quyết định; "
            "không mất năng lực hành vi dân sự; không thuộc trường hợp cấm kết hôn",
            law=[*HO_TICH_LAW, "Luật Hôn nhân và gia đình số 52/2014/QH13 ngày 19/6/2014"],
            result="Giấy chứng nhận kết hôn",
        ),
        _p(
            "Hộ tịch",
            "Đăng ký khai tử",
            "Death registration",
            time="Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh thì không quá 03 ngày làm việc",
            fees="Miễn lệ phí đăng ký khai tử đúng hạn",
            subjects=["Vợ, chồng, con, cha, mẹ hoặc người thân thích khác của người chết"],
            steps=[
                f"Người đi khai tử nộp tờ khai và giấy báo tử hoặc giấy tờ thay thế tại {where}",
                "Công chức tư pháp – hộ tịch kiểm tra hồ sơ và ghi vào Sổ đăng ký khai tử",
                "Chủ tịch Ủy ban nhân dân cấp xã cấp Trích lục khai tử cho người đi khai tử",
            ],
            dossier=[
                _form("Tờ khai đăng ký khai tử (theo mẫu)", form="Tờ khai đăng ký khai tử"),
                _form("Giấy báo tử hoặc giấy tờ thay thế giấy báo tử do cơ quan có thẩm quyền cấp"),
            ],
            law=HO_TICH_LAW,
            result="Trích lục khai tử",
        ),
        _p(
            "Chứng thực",
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
            "Certifying copies made from originals issued by Vietnamese authorities",
            methods=("in_person",),
            time="Trong ngày tiếp nhận yêu cầu hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ",
            fees="2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản",
            subjects=["Cá nhân, tổ chức có yêu cầu chứng thực bản sao"],
            steps=[
                f"Người yêu cầu xuất trình bản chính và bản sao cần chứng thực tại {where}",
                "Người thực hiện chứng thực đối chiếu bản sao với bản chính, ghi lời chứng, ký và đóng dấu",
                "Trả bản sao đã được chứng thực và thu phí theo quy định",
            ],
            dossier=[
                _form("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao"),
                _form("Bản sao cần chứng thực", copies=1),
            ],
            law=CHUNG_THUC_LAW,
            result="Bản sao được chứng thực từ bản chính",
        ),
        _p(
            "Chứng thực",
            "Chứng thực chữ ký trong các giấy tờ, văn bản",
            "Certifying signatures on papers and documents",
            methods=("in_person",),
            time="Trong ngày tiếp nhận yêu cầu hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ",
            fees="10.000 đồng/trường hợp",
            subjects=["Cá nhân có yêu cầu chứng thực chữ ký"],
            steps=[
                f"Người yêu cầu xuất trình giấy tờ tùy thân và giấy tờ, văn bản cần chứng thực chữ ký tại {where}",
                "Người yêu cầu ký trước mặt người thực hiện chứng thực",
                "Người thực hiện chứng thực ghi lời chứng, ký, đóng dấu và trả kết quả",
            ],
            dossier=[
                _form("Bản chính hoặc bản sao có chứng thực giấy tờ tùy thân còn giá trị sử dụng"),
                _form("Giấy tờ, văn bản mà mình sẽ ký"),
            ],
            law=CHUNG_THUC_LAW,
            result="Giấy tờ, văn bản được chứng thực chữ ký",
        ),
    ]
    if agency.slug != "phuong-bac-ha":  # the sample already has Bắc Hà's birth registration
        records.insert(0, births)
    return records


def district_procedures(agency: Agency) -> list[dict]:
    where = f"{ONE_STOP} {agency.name}"
    records = [
        _p(
            "Đất đai",
            "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ gia đình, "
            "cá nhân",
            "Change of land use purpose requiring permission, for households and individuals",
            time="Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
            fees="Lệ phí cấp giấy chứng nhận theo Nghị quyết của Hội đồng nhân dân tỉnh",
            subjects=["Hộ gia đình, cá nhân đang sử dụng đất"],
            steps=[
                f"Người sử dụng đất nộp đơn và giấy chứng nhận tại {where}",
                "Phòng Tài nguyên và Môi trường thẩm tra hồ sơ, xác minh thực địa, trình Ủy ban nhân dân cấp huyện",
                "Ủy ban nhân dân cấp huyện quyết định cho phép chuyển mục đích sử dụng đất",
                "Người sử dụng đất thực hiện nghĩa vụ tài chính và nhận kết quả",
            ],
            dossier=[
                _form("Đơn xin chuyển mục đích sử dụng đất (theo mẫu)", form="Đơn xin chuyển mục đích sử dụng đất"),
                _form("Giấy chứng nhận quyền sử dụng đất (bản chính)"),
            ],
            conditions="Phù hợp với kế hoạch sử dụng đất hằng năm của cấp huyện đã được phê duyệt",
            law=[
                "Luật Đất đai số 31/2024/QH15 ngày 18/01/2024",
                "Nghị định số 102/2024/NĐ-CP ngày 30/7/2024 của Chính phủ quy định chi tiết thi hành một số "
                "điều của Luật Đất đai",
            ],
            result="Quyết định cho phép chuyển mục đích sử dụng đất; Giấy chứng nhận đã chỉnh lý biến động",
        ),
        _p(
            "Xây dựng",
            "Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ",
            "Permit to repair or renovate a detached house",
            time="Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
            fees="75.000 đồng/giấy phép",
            subjects=["Chủ đầu tư là hộ gia đình, cá nhân"],
            steps=[
                f"Chủ đầu tư nộp hồ sơ đề nghị cấp giấy phép tại {where}",
                "Cơ quan chuyên môn về xây dựng cấp huyện thẩm định hồ sơ, kiểm tra thực địa",
                "Chủ tịch Ủy ban nhân dân cấp huyện cấp giấy phép sửa chữa, cải tạo",
            ],
            dossier=[
                _form(
                    "Đơn đề nghị cấp giấy phép sửa chữa, cải tạo (theo mẫu)",
                    form="Đơn đề nghị cấp giấy phép sửa chữa, cải tạo",
                ),
                _form("Bản sao giấy tờ chứng minh quyền sở hữu, quản lý, sử dụng công trình, nhà ở"),
                _form("Bản vẽ, ảnh chụp hiện trạng của bộ phận, hạng mục công trình đề nghị được cải tạo", copies=2),
            ],
            law=[
                "Luật Xây dựng số 50/2014/QH13, được sửa đổi, bổ sung bởi Luật số 62/2020/QH14",
                "Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ",
            ],
            result="Giấy phép sửa chữa, cải tạo công trình",
        ),
        _p(
            "Thành lập và hoạt động của hộ kinh doanh",
            "Đăng ký thành lập hộ kinh doanh",
            "Registration of a household business",
            level=2,
            methods=("in_person", "postal"),
            time="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            fees="Theo Nghị quyết của Hội đồng nhân dân tỉnh",
            subjects=["Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ"],
            steps=[
                f"Người thành lập hộ kinh doanh nộp hồ sơ tại {where}",
                "Phòng Tài chính – Kế hoạch kiểm tra tính hợp lệ của hồ sơ",
                "Cấp Giấy chứng nhận đăng ký hộ kinh doanh trong thời hạn quy định",
            ],
            dossier=[
                _form("Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)", form="Giấy đề nghị đăng ký hộ kinh doanh"),
                _form("Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh"),
            ],
            law=["Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 của Chính phủ về đăng ký doanh nghiệp"],
            result="Giấy chứng nhận đăng ký hộ kinh doanh",
        ),
    ]
    if agency.slug != "tp-ha-tinh":  # the sample already has the city's building permit
        records.insert(
            0,
            _p(
                "Xây dựng",
                "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
                "Building permit for a new detached house",
                time="Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
                fees="75.000 đồng/giấy phép",
                subjects=["Chủ đầu tư là hộ gia đình, cá nhân"],
                steps=[
                    f"Chủ đầu tư nộp hồ sơ đề nghị cấp giấy phép xây dựng tại {where}",
                    "Cơ quan chuyên môn về xây dựng cấp huyện thẩm định hồ sơ, kiểm tra thực địa",
                    "Chủ tịch Ủy ban nhân dân cấp huyện cấp giấy phép xây dựng",
                ],
                dossier=[
                    _form(
                        "Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)",
                        form="Đơn đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ",
                    ),
                    _form("Bản sao giấy tờ chứng minh quyền sử dụng đất"),
                    _form("Bản vẽ thiết kế xây dựng", copies=2),
                ],
                law=[
                    "Luật Xây dựng số 50/2014/QH13, được sửa đổi, bổ sung bởi Luật số 62/2020/QH14",
                    "Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ",
                ],
                result="Giấy phép xây dựng",
            ),
        )
    return records


def _department(field, name, name_en, law, result, *, form, agency: Agency, extra=(), **kwargs):
    where = f"{ONE_STOP} {agency.name} (Trung tâm Phục vụ hành chính công tỉnh)"
    steps = kwargs.pop(
        "steps",
        [
            f"Tổ chức, cá nhân nộp hồ sơ tại {where} hoặc qua dịch vụ bưu chính công ích",
            f"{agency.name} kiểm tra hồ sơ; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung một lần bằng văn bản",
            f"{agency.name} thẩm định hồ sơ và trả kết quả",
        ],
    )
    dossier = [_form(f"{form} (theo mẫu)", form=form), *extra]
    return _p(field, name, name_en, steps=steps, dossier=dossier, law=law, result=result, **kwargs)


def department_procedures(agency: Agency) -> list[dict]:
    a = agency
    by_agency = {
        "so-y-te": [
            _department(
                "Khám bệnh, chữa bệnh",
                "Cấp giấy phép hành nghề đối với chức danh bác sĩ",
                "Practice licence for physicians",
                [
                    "Luật Khám bệnh, chữa bệnh số 15/2023/QH15",
                    "Nghị định số 96/2023/NĐ-CP ngày 30/12/2023 của Chính phủ",
                ],
                "Giấy phép hành nghề khám bệnh, chữa bệnh",
                form="Đơn đề nghị cấp giấy phép hành nghề",
                agency=a,
                time="30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
                fees="Theo quy định của Bộ Tài chính",
                subjects=["Người có văn bằng bác sĩ và đã hoàn thành thực hành khám bệnh, chữa bệnh"],
                extra=[_form("Bản sao văn bằng chuyên môn"), _form("Giấy chứng nhận đủ sức khỏe để hành nghề")],
            ),
            _department(
                "An toàn thực phẩm",
                "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                "Food safety certificate for food businesses",
                [
                    "Luật An toàn thực phẩm số 55/2010/QH12",
                    "Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 của Chính phủ",
                ],
                "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                form="Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                agency=a,
                time="20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                fees="Theo quy định của Bộ Tài chính",
                subjects=["Cơ sở sản xuất, kinh doanh thực phẩm"],
                extra=[_form("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện vệ sinh")],
            ),
        ],
        "so-gtvt": [
            _department(
                "Đường bộ",
                "Cấp lại giấy phép lái xe",
                "Reissue of a driving licence",
                ["Thông tư số 12/2017/TT-BGTVT ngày 15/4/2017 của Bộ Giao thông vận tải"],
                "Giấy phép lái xe",
                form="Đơn đề nghị cấp lại giấy phép lái xe",
                agency=a,
                time="05 ngày làm việc kể từ ngày nhận đủ hồ sơ và sát hạch lại (nếu có)",
                fees="135.000 đồng/lần cấp",
                subjects=["Người có giấy phép lái xe bị mất hoặc quá hạn sử dụng"],
                extra=[_form("Giấy khám sức khỏe của người lái xe"), _form("Bản sao căn cước công dân")],
            ),
            _department(
                "Đường bộ",
                "Cấp giấy phép lái xe quốc tế",
                "Issue of an international driving permit",
                ["Thông tư số 29/2015/TT-BGTVT ngày 06/7/2015 của Bộ Giao thông vận tải"],
                "Giấy phép lái xe quốc tế",
                form="Tờ khai đề nghị cấp giấy phép lái xe quốc tế",
                agency=a,
                time="05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                fees="135.000 đồng/lần cấp",
                subjects=["Người có giấy phép lái xe quốc gia do Việt Nam cấp bằng vật liệu PET còn thời hạn"],
                extra=[_form("Bản sao giấy phép lái xe quốc gia"), _form("Bản sao hộ chiếu còn thời hạn")],
            ),
        ],
        "so-ld-tbxh": [
            _department(
                "Việc làm",
                "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
                "Work permit for foreign workers in Viet Nam",
                ["Bộ luật Lao động số 45/2019/QH14", "Nghị định số 152/2020/NĐ-CP ngày 30/12/2020 của Chính phủ"],
                "Giấy phép lao động",
                form="Văn bản đề nghị cấp giấy phép lao động",
                agency=a,
                time="05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                fees="Theo Nghị quyết của Hội đồng nhân dân tỉnh",
                subjects=["Người sử dụng lao động nước ngoài"],
                extra=[_form("Giấy chứng nhận sức khỏe"), _form("Phiếu lý lịch tư pháp"), _form("02 ảnh màu 4 x 6 cm")],
            ),
            _department(
                "Việc làm",
                "Hỗ trợ học nghề cho người đang hưởng trợ cấp thất nghiệp",
                "Vocational training support for people receiving unemployment benefit",
                ["Luật Việc làm số 38/2013/QH13", "Nghị định số 28/2015/NĐ-CP ngày 12/3/2015 của Chính phủ"],
                "Quyết định về việc hỗ trợ học nghề",
                form="Đề nghị hỗ trợ học nghề",
                agency=a,
                time="20 ngày làm việc kể từ ngày nhận đủ hồ sơ",
                subjects=["Người lao động đang hưởng trợ cấp thất nghiệp có nhu cầu học nghề"],
            ),
        ],
        "so-tu-phap": [
            _department(
                "Công chứng",
                "Đăng ký hành nghề và cấp Thẻ công chứng viên",
                "Registration to practise and issue of a notary card",
                ["Luật Công chứng số 53/2014/QH13", "Nghị định số 29/2015/NĐ-CP ngày 15/3/2015 của Chính phủ"],
                "Thẻ công chứng viên",
                form="Giấy đề nghị đăng ký hành nghề và cấp Thẻ công chứng viên",
                agency=a,
                time="10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                fees="Theo quy định của Bộ Tài chính",
                subjects=["Công chứng viên đã được bổ nhiệm"],
                extra=[_form("Bản sao quyết định bổ nhiệm công chứng viên"), _form("01 ảnh chân dung 2 x 3 cm")],
            ),
            _department(
                "Đấu giá tài sản",
                "Cấp Thẻ đấu giá viên",
                "Issue of an auctioneer card",
                ["Luật Đấu giá tài sản số 01/2016/QH14"],
                "Thẻ đấu giá viên",
                form="Giấy đề nghị cấp Thẻ đấu giá viên",
                agency=a,
                time="05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                subjects=["Đấu giá viên hành nghề tại tổ chức đấu giá tài sản trên địa bàn tỉnh"],
                extra=[_form("Bản sao chứng chỉ hành nghề đấu giá")],
            ),
        ],
        "so-ke-hoach-dau-tu": [
            _department(
                "Thành lập và hoạt động của doanh nghiệp",
                "Đăng ký thành lập doanh nghiệp tư nhân",
                "Registration of a private enterprise",
                ["Luật Doanh nghiệp số 59/2020/QH14", "Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 của Chính phủ"],
                "Giấy chứng nhận đăng ký doanh nghiệp",
                form="Giấy đề nghị đăng ký doanh nghiệp tư nhân",
                agency=a,
                time="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                fees="50.000 đồng/lần (miễn lệ phí khi đăng ký qua mạng điện tử)",
                subjects=["Cá nhân thành lập doanh nghiệp tư nhân"],
                extra=[_form("Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân")],
            ),
            _department(
                "Đầu tư tại Việt Nam",
                "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư",
                "Investment registration certificate for projects not subject to investment policy approval",
                ["Luật Đầu tư số 61/2020/QH14", "Nghị định số 31/2021/NĐ-CP ngày 26/3/2021 của Chính phủ"],
                "Giấy chứng nhận đăng ký đầu tư",
                form="Văn bản đề nghị thực hiện dự án đầu tư",
                agency=a,
                time="15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
                subjects=["Nhà đầu tư trong nước và nước ngoài"],
                extra=[_form("Đề xuất dự án đầu tư"), _form("Bản sao tài liệu chứng minh năng lực tài chính")],
            ),
        ],
        "so-tai-nguyen-moi-truong": [
            _department(
                "Môi trường",
                "Cấp giấy phép môi trường",
                "Environmental permit",
                ["Luật Bảo vệ môi trường số 72/2020/QH14", "Nghị định số 08/2022/NĐ-CP ngày 10/01/2022 của Chính phủ"],
                "Giấy phép môi trường",
                form="Văn bản đề nghị cấp giấy phép môi trường",
                agency=a,
                time="30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
                fees="Theo Nghị quyết của Hội đồng nhân dân tỉnh",
                subjects=["Chủ dự án đầu tư, cơ sở thuộc thẩm quyền cấp phép của Ủy ban nhân dân tỉnh"],
                extra=[_form("Báo cáo đề xuất cấp giấy phép môi trường")],
            ),
            _department(
                "Tài nguyên nước",
                "Cấp giấy phép khai thác nước dưới đất",
                "Groundwater extraction permit",
                ["Luật Tài nguyên nước số 28/2023/QH15", "Nghị định số 54/2024/NĐ-CP ngày 16/5/2024 của Chính phủ"],
                "Giấy phép khai thác nước dưới đất",
                form="Đơn đề nghị cấp giấy phép khai thác nước dưới đất",
                agency=a,
                time="30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
                fees="Theo Nghị quyết của Hội đồng nhân dân tỉnh",
                subjects=["Tổ chức, cá nhân khai thác nước dưới đất"],
                extra=[_form("Báo cáo kết quả thăm dò đánh giá trữ lượng nước dưới đất")],
            ),
        ],
        "so-tttt": [
            _department(
                "Báo chí",
                "Cấp giấy phép xuất bản bản tin",
                "Licence to publish a newsletter",
                ["Luật Báo chí số 103/2016/QH13"],
                "Giấy phép xuất bản bản tin",
                form="Tờ khai đề nghị cấp giấy phép xuất bản bản tin",
                agency=a,
                time="15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
                subjects=["Cơ quan, tổ chức, doanh nghiệp có nhu cầu xuất bản bản tin"],
                extra=[_form("Mẫu trình bày tên gọi và hình thức của bản tin")],
            ),
            _department(
                "Xuất bản, In và Phát hành",
                "Cấp giấy phép hoạt động in",
                "Printing licence",
                [
                    "Luật Xuất bản số 19/2012/QH13",
                    "Nghị định số 60/2014/NĐ-CP ngày 19/6/2014 của Chính phủ quy định về hoạt động in",
                ],
                "Giấy phép hoạt động in",
                form="Đơn đề nghị cấp giấy phép hoạt động in",
                agency=a,
                time="15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
                subjects=["Cơ sở in thuộc thẩm quyền cấp phép của địa phương"],
                extra=[_form("Bản sao giấy tờ chứng minh quyền sử dụng mặt bằng sản xuất")],
            ),
        ],
        "ha-tinh": [
            _department(
                "Tiếp công dân",
                "Tiếp công dân tại cấp tỉnh",
                "Receiving citizens at provincial level",
                ["Luật Tiếp công dân số 42/2013/QH13", "Nghị định số 64/2014/NĐ-CP ngày 26/6/2014 của Chính phủ"],
                "Khiếu nại, tố cáo, kiến nghị, phản ánh được tiếp nhận, hướng dẫn hoặc chuyển cơ quan có thẩm quyền",
                form="Đơn khiếu nại, tố cáo, kiến nghị, phản ánh",
                agency=a,
                methods=("in_person",),
                time="Trong ngày tiếp công dân",
                subjects=["Công dân đến khiếu nại, tố cáo, kiến nghị, phản ánh"],
                steps=[
                    "Công dân đến Trụ sở Tiếp công dân tỉnh, xuất trình giấy tờ tùy thân",
                    "Cán bộ tiếp công dân nghe, ghi chép nội dung, tiếp nhận đơn và tài liệu",
                    "Hướng dẫn công dân hoặc chuyển đơn đến cơ quan có thẩm quyền giải quyết",
                ],
            ),
            _department(
                "Giải quyết khiếu nại",
                "Giải quyết khiếu nại lần đầu tại cấp tỉnh",
                "First-time settlement of complaints at provincial level",
                ["Luật Khiếu nại số 02/2011/QH13", "Nghị định số 124/2020/NĐ-CP ngày 19/10/2020 của Chính phủ"],
                "Quyết định giải quyết khiếu nại lần đầu",
                form="Đơn khiếu nại",
                agency=a,
                time="Không quá 30 ngày kể từ ngày thụ lý; vụ việc phức tạp không quá 45 ngày",
                subjects=["Cá nhân, cơ quan, tổ chức có quyền, lợi ích hợp pháp bị xâm phạm"],
                extra=[_form("Tài liệu, chứng cứ liên quan đến nội dung khiếu nại")],
            ),
        ],
    }
    return by_agency.get(agency.slug, [])


def records_for(agency: Agency) -> list[dict]:
    if agency.kind == Agency.Kind.COMMUNE:
        return commune_procedures(agency)
    if agency.kind == Agency.Kind.DISTRICT:
        return district_procedures(agency)
    return department_procedures(agency)


def _docx(title: str) -> bytes:
    """A small, valid Word document with the form's title and blanks; identical bytes every time."""
    lines = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        title.upper(),
        "Họ, chữ đệm, tên: ..................................................",
        "Ngày, tháng, năm sinh: ..........................................",
        "Số định danh cá nhân: ...........................................",
        "Nơi cư trú: .....................................................",
        "Nội dung đề nghị: ...............................................",
        "Tôi cam đoan những nội dung khai trên đây là đúng sự thật.",
        "Người khai (ký, ghi rõ họ tên)",
    ]
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines)
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>",
    }
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def generated_records(agencies) -> tuple[list[dict], dict[str, bytes]]:
    """Interchange records for every agency, and the form files they name."""
    records, files = [], {}
    for agency in agencies:
        abbreviation = ABBREVIATIONS.get(agency.slug) or "".join(part[0] for part in agency.slug.split("-")).upper()
        for n, spec in enumerate(records_for(agency), start=101):
            record = {"code": f"HT-{abbreviation}-{n}", "agency": agency.slug, **spec}
            for component in record["dossier"]:
                title = component.pop("form", None)
                if title:
                    filename = f"forms/{slugify(fold(title))}.docx"
                    files.setdefault(filename, _docx(title))
                    component["form"] = filename
            if not record["conditions"]:
                del record["conditions"]
            records.append(record)
    return records, files


def ensure_field_translations() -> int:
    """English names for the demo's fields (the taxonomy is a translatable snippet)."""
    en = Locale.objects.filter(language_code="en").first()
    if en is None:
        return 0
    created = 0
    for field in ProcedureField.objects.filter(locale__language_code=settings.LANGUAGE_CODE):
        name_en = FIELD_NAMES_EN.get(field.name)
        if not name_en or field.has_translation(en):
            continue
        translation = field.copy_for_translation(en)
        translation.name = name_en
        translation.save()
        created += 1
    return created


def load(stdout=None) -> str:
    agencies = list(Agency.objects.active().filter(home_page__isnull=False).order_by("kind", "slug"))
    indexes = sum(ProcedureIndexPage.ensure_for(agency)[1] for agency in agencies)
    sample = run_import(SAMPLE)
    if not sample.ok:
        raise RuntimeError("\n".join(str(error) for error in sample.errors))
    records, files = generated_records(agencies)
    with tempfile.TemporaryDirectory(prefix="procedures-demo-") as folder:
        for name, content in files.items():
            path = Path(folder) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        data_file = Path(folder) / "generated.json"
        data_file.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        generated = run_import(data_file, progress=stdout is not None)
    if not generated.ok:
        raise RuntimeError("\n".join(str(error) for error in generated.errors))
    translations = ensure_field_translations()
    created = len(sample.created) + len(generated.created)
    updated = len(sample.updated) + len(generated.updated)
    unchanged = len(sample.unchanged) + len(generated.unchanged)
    return (
        f"Thủ tục hành chính – tạo mới: {created}, cập nhật: {updated}, không đổi: {unchanged}; "
        f"danh mục mới: {indexes}; lĩnh vực dịch sang tiếng Anh: {translations}"
    )
