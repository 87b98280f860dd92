"""The demo network: 13 agencies, their pages in two languages, and demo users.

Every step is idempotent: running ``load_demo`` twice changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Locale

from home.models import StandardPage
from sites.models import Agency
from sites.provisioning import provision_agencies

DEMO_DIR = Path(settings.BASE_DIR) / "demo" / "data"
DEMO_PASSWORD = "hatinh-demo-2026"  # noqa: S105 - printed by make run, demo only

# (username, agency slug or None for the administrator, role)
DEMO_USERS = [
    ("admin", None, "admin"),
    ("bientap.soyte", "so-y-te", "editors"),
    ("kiemduyet.soyte", "so-y-te", "moderators"),
    ("motcua.soyte", "so-y-te", "officers"),
    ("bientap.sogtvt", "so-gtvt", "editors"),
    ("kiemduyet.sogtvt", "so-gtvt", "moderators"),
    ("motcua.sogtvt", "so-gtvt", "officers"),
    ("motcua.sldtbxh", "so-ld-tbxh", "officers"),
]

ROLE_NAMES = {
    "admin": "Quản trị cổng tỉnh",
    "editors": "Biên tập viên",
    "moderators": "Kiểm duyệt viên",
    "officers": "Cán bộ một cửa",
}


def _rich(*paragraphs: str) -> list[tuple[str, str]]:
    return [("paragraph", "".join(f"<p>{p}</p>" for p in paragraphs))]


def standard_pages_for(agency: Agency) -> list[dict]:
    """Introduction, organisation and contact pages, in Vietnamese and English."""
    name, name_en = agency.name, agency.name_en or agency.name
    address = agency.address or "Thành phố Hà Tĩnh, tỉnh Hà Tĩnh"
    phone = agency.phone or "0239 3855 555"
    email = agency.email or f"{agency.slug}@hatinh.gov.vn"
    return [
        {
            "slug": "gioi-thieu",
            "title": "Giới thiệu",
            "title_en": "About",
            "intro": f"{name} là cơ quan thuộc hệ thống hành chính nhà nước của tỉnh Hà Tĩnh.",
            "intro_en": f"The {name_en} is part of the state administration of Ha Tinh province.",
            "body": _rich(
                f"{name} tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước trong lĩnh vực được giao, "
                "đồng thời giải quyết thủ tục hành chính cho người dân và doanh nghiệp theo cơ chế một cửa.",
                "Trang thông tin điện tử này công khai thủ tục hành chính, tin tức, văn bản chỉ đạo điều hành "
                "và thông tin liên hệ của cơ quan.",
            ),
            "body_en": _rich(
                f"The {name_en} advises the Provincial People's Committee on state management in its field "
                "and handles administrative procedures for citizens and businesses through the one-stop desk.",
                "This information website publishes the agency's administrative procedures, news, directions "
                "and contact details.",
            ),
        },
        {
            "slug": "co-cau-to-chuc",
            "title": "Cơ cấu tổ chức",
            "title_en": "Organisation",
            "intro": "Lãnh đạo cơ quan và các phòng chuyên môn.",
            "intro_en": "The agency's leadership and its specialised divisions.",
            "body": [
                ("heading", {"text": "Lãnh đạo", "level": "h2"}),
                *_rich("Giám đốc (Chủ tịch) và các Phó Giám đốc (Phó Chủ tịch) phụ trách từng lĩnh vực."),
                ("heading", {"text": "Các phòng chuyên môn", "level": "h2"}),
                *_rich(
                    "Văn phòng; Thanh tra; các phòng chuyên môn, nghiệp vụ; "
                    "Bộ phận tiếp nhận và trả kết quả giải quyết thủ tục hành chính."
                ),
            ],
            "body_en": [
                ("heading", {"text": "Leadership", "level": "h2"}),
                *_rich("The Director (Chairperson) and Deputy Directors (Vice Chairpersons), each for a field."),
                ("heading", {"text": "Divisions", "level": "h2"}),
                *_rich("Office; Inspectorate; specialised divisions; the one-stop desk for administrative procedures."),
            ],
        },
        {
            "slug": "lien-he",
            "title": "Liên hệ",
            "title_en": "Contact",
            "intro": "Địa chỉ, điện thoại và thời gian tiếp nhận hồ sơ.",
            "intro_en": "Address, telephone and the hours when dossiers are received.",
            "body": _rich(
                f"Địa chỉ: {address}",
                f"Điện thoại: {phone} – Thư điện tử: {email}",
                "Bộ phận Một cửa tiếp nhận hồ sơ sáng từ 7h00 đến 11h30, chiều từ 13h30 đến 17h00, "
                "từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ, Tết).",
            ),
            "body_en": _rich(
                f"Address: {address}",
                f"Telephone: {phone} – Email: {email}",
                "The one-stop desk receives dossiers from 7:00 to 11:30 and from 13:30 to 17:00, "
                "Monday to Friday (except public holidays).",
            ),
        },
    ]


def ensure_standard_pages(agency: Agency) -> int:
    created = 0
    home = agency.home_page.specific
    en = Locale.objects.get(language_code="en")
    for spec in standard_pages_for(agency):
        page = home.get_children().filter(slug=spec["slug"]).first()
        if page is None:
            page = StandardPage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"], show_in_menus=True
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            created += 1
        page = page.specific
        if page.get_translation_or_none(en) is None:
            translation = page.copy_for_translation(en)
            translation.title = spec["title_en"]
            translation.intro = spec["intro_en"]
            translation.body = spec["body_en"]
            translation.save_revision().publish()
            created += 1
    return created


def ensure_users(stdout=None) -> list[tuple[str, str, str]]:
    User = get_user_model()
    rows = []
    agencies = {a.slug: a for a in Agency.objects.all()}
    for username, slug, role in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@hatinh.localhost")
            user.set_password(DEMO_PASSWORD)
            user.is_superuser = user.is_staff = role == "admin"
            user.first_name = ROLE_NAMES[role]
            user.save()
        if slug:
            group = getattr(agencies[slug], f"{role}_group")
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
        rows.append((username, agencies[slug].name if slug else "Toàn tỉnh", ROLE_NAMES[role]))
    return rows


@transaction.atomic
def load(stdout=None) -> dict:
    records = json.loads((DEMO_DIR / "agencies.json").read_text(encoding="utf-8"))
    for rec in records:
        rec.setdefault("address", "Thành phố Hà Tĩnh, tỉnh Hà Tĩnh")
        rec.setdefault("phone", "0239 3855 555")
        rec.setdefault("email", f"{rec['slug']}@hatinh.gov.vn")
    report = provision_agencies(records)
    pages = 0
    for agency in Agency.objects.filter(slug__in=[r["slug"] for r in records]):
        pages += ensure_standard_pages(agency)
    users = ensure_users()
    return {"agencies": report, "pages": pages, "users": users}
