"""Seed a province-scale network fast: agencies, procedures, news, and the search index.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/seed.py
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/seed.py --agencies 250 --procedures 5000 --news 50000

Defaults: 250 agencies (one province portal unless the database has one, then
every agency hangs under it), 5,000 procedures and 50,000 news articles,
spread evenly over the agencies. The database is migrated first (creating it
for SQLite). Everything is written with bulk inserts, not ``save()``:

- pages get treebeard materialised paths computed here (steplen 4, base 36),
  with ``numchild`` and ``url_path`` set, so the tree is valid for Wagtail
  (``manage.py fixtree`` finds nothing to fix);
- each page type's own table is written with Django's bulk insert of that
  model's local fields, so fields added to the models later take their
  defaults without changes here;
- the public search index (``search.SearchDocument`` and, on SQLite, its FTS5
  table) is written in bulk from the same generated text. Wagtail's admin
  search index is not built here: run ``manage.py update_index`` if the
  admin's own search must cover the seeded pages.

Agencies get what search and listings need (agency row, site, Vietnamese and
English home page); editor groups, collections and workflows are not created
(run ``sites.provisioning.provision_agency`` for the ones you need). Reusable:
``seed(agencies=..., procedures=..., news=...)`` from Python.

Text is generated from Vietnamese procedure and news vocabulary with a Zipf-like
topic distribution, so common words ("dịch vụ công", "giấy phép") appear in
many documents, as they do on a real portal. A fixed random seed makes runs
reproducible.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
BATCH = 1000

# Vocabulary ------------------------------------------------------------------

VERBS = [
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Đăng ký",
    "Đăng ký lại",
    "Xác nhận",
    "Công nhận",
    "Thẩm định",
    "Phê duyệt",
    "Giải quyết",
    "Hỗ trợ",
]
OBJECTS = [
    ("giấy phép lái xe", "Đường bộ"),
    ("giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng"),
    ("giấy phép xây dựng công trình", "Xây dựng"),
    ("chứng chỉ hành nghề dược", "Dược"),
    ("chứng chỉ hành nghề khám bệnh, chữa bệnh", "Khám bệnh, chữa bệnh"),
    ("giấy chứng nhận quyền sử dụng đất", "Đất đai"),
    ("chuyển mục đích sử dụng đất", "Đất đai"),
    ("kết hôn", "Hộ tịch"),
    ("khai sinh", "Hộ tịch"),
    ("khai tử", "Hộ tịch"),
    ("thường trú", "Cư trú"),
    ("tạm trú", "Cư trú"),
    ("hộ kinh doanh", "Thành lập và hoạt động doanh nghiệp"),
    ("thành lập doanh nghiệp", "Thành lập và hoạt động doanh nghiệp"),
    ("trợ cấp thất nghiệp", "Việc làm"),
    ("trợ cấp xã hội hằng tháng", "Bảo trợ xã hội"),
    ("phiếu lý lịch tư pháp", "Lý lịch tư pháp"),
    ("giấy phép kinh doanh vận tải bằng xe ô tô", "Đường bộ"),
    ("phù hiệu xe ô tô kinh doanh vận tải", "Đường bộ"),
    ("giấy phép khai thác khoáng sản", "Khoáng sản"),
    ("giấy phép môi trường", "Môi trường"),
    ("giấy chứng nhận đủ điều kiện an toàn thực phẩm", "An toàn thực phẩm"),
    ("giấy phép hoạt động cơ sở khám bệnh", "Khám bệnh, chữa bệnh"),
    ("chứng nhận hộ nghèo, hộ cận nghèo", "Bảo trợ xã hội"),
    ("học bổng chính sách", "Giáo dục và đào tạo"),
    ("bằng tốt nghiệp trung học cơ sở", "Giáo dục và đào tạo"),
    ("giấy phép tổ chức lễ hội", "Văn hóa"),
    ("giấy phép quảng cáo", "Văn hóa"),
    ("giấy chứng nhận đăng ký xe máy chuyên dùng", "Đường bộ"),
    ("giấy phép lao động cho người nước ngoài", "Việc làm"),
    ("chứng nhận nguồn gốc giống cây trồng", "Trồng trọt"),
    ("giấy phép sử dụng vật liệu nổ công nghiệp", "Công nghiệp"),
    ("thuế thu nhập cá nhân", "Thuế"),
    ("mã số thuế", "Thuế"),
    ("bảo hiểm y tế", "Bảo hiểm"),
]
QUALIFIERS = [
    "",
    "",
    "",
    "cho cá nhân",
    "cho tổ chức",
    "đối với doanh nghiệp",
    "do bị mất, bị hỏng",
    "khi hết hạn",
    "lần đầu",
    "cho người nước ngoài",
    "tại cấp xã",
    "tại cấp huyện",
    "có yếu tố nước ngoài",
]
NEWS_TOPICS = [
    "dịch vụ công trực tuyến",
    "cải cách hành chính",
    "chuyển đổi số",
    "xây dựng nông thôn mới",
    "an toàn giao thông",
    "phòng chống thiên tai",
    "đăng ký kết hôn",
    "giấy phép lái xe",
    "giấy phép xây dựng",
    "trợ cấp thất nghiệp",
    "bảo hiểm y tế",
    "tiêm chủng mở rộng",
    "tuyển sinh lớp 10",
    "giải quyết việc làm",
    "thu hút đầu tư",
    "quản lý đất đai",
    "bảo vệ môi trường",
    "an toàn thực phẩm",
    "phòng cháy chữa cháy",
    "giảm nghèo bền vững",
    "khai sinh trực tuyến",
    "lý lịch tư pháp",
    "chứng chỉ hành nghề dược",
    "du lịch cộng đồng",
    "đề án 06 về dữ liệu dân cư",
    "hỗ trợ doanh nghiệp nhỏ và vừa",
    "kiên cố hóa kênh mương",
    "bảo tồn di tích lịch sử",
    "phát triển hợp tác xã",
    "chăm sóc người cao tuổi",
]
NEWS_TITLES = [
    "{agency} triển khai {topic} năm {year}",
    "Đẩy mạnh {topic} trên địa bàn tỉnh",
    "Hội nghị sơ kết công tác {topic} {months} tháng đầu năm",
    "Người dân hưởng lợi từ {topic}",
    "Hướng dẫn thực hiện {topic} cho người dân và doanh nghiệp",
    "Kiểm tra công tác {topic} tại các địa phương",
    "Tập huấn nghiệp vụ {topic} cho cán bộ cấp xã",
    "Kết quả nổi bật về {topic} năm {year}",
]
SENTENCES = [
    "Sáng nay, {agency} tổ chức hội nghị triển khai công tác {topic} trên địa bàn tỉnh.",
    "Theo báo cáo, trong {months} tháng đầu năm, toàn tỉnh đã tiếp nhận {n} hồ sơ liên quan đến {topic}, trong đó {m} hồ sơ được giải quyết trực tuyến.",
    "Người dân có thể nộp hồ sơ qua Cổng dịch vụ công trực tuyến của tỉnh hoặc tại Bộ phận Một cửa.",
    "{agency} đề nghị các đơn vị tiếp tục đẩy mạnh {topic}, nâng cao chất lượng phục vụ người dân và doanh nghiệp.",
    "Lãnh đạo {agency} yêu cầu rà soát, đơn giản hóa thủ tục hành chính, rút ngắn thời gian giải quyết hồ sơ.",
    "Dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc trong {topic} được khen thưởng.",
    "Qua kiểm tra, đoàn công tác ghi nhận nhiều kết quả tích cực, đồng thời chỉ ra một số hạn chế cần khắc phục.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt {p}%, cao hơn cùng kỳ năm trước.",
    "Các địa phương cần quan tâm hơn nữa đến công tác tuyên truyền về {topic} để người dân nắm rõ.",
    "Trong thời gian tới, tỉnh tiếp tục ưu tiên nguồn lực cho {topic} và {topic2}.",
    "Ông Nguyễn Văn {name}, Giám đốc {agency}, phát biểu chỉ đạo tại hội nghị.",
    "Bà Trần Thị {name} cho biết thủ tục nay đơn giản hơn, không phải đi lại nhiều lần.",
    "Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh đã kết nối với Cơ sở dữ liệu quốc gia về dân cư.",
    "Đến nay, {p}% thủ tục hành chính đủ điều kiện đã được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình.",
    "Công tác {topic} gắn với thực hiện Nghị định số 61/2018/NĐ-CP về cơ chế một cửa, một cửa liên thông.",
]
NAMES = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Giang",
    "Hà",
    "Hải",
    "Hòa",
    "Hùng",
    "Lan",
    "Linh",
    "Minh",
    "Nam",
    "Thảo",
]
KIND_PLAN = [("department", 20), ("district", 13)]  # the rest are communes


def zipf_choice(rng: random.Random, items: list, s: float = 1.0):
    weights = [1.0 / (rank + 1) ** s for rank in range(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


def int2str(number: int) -> str:
    digits = ""
    while True:
        number, rem = divmod(number, len(ALPHABET))
        digits = ALPHABET[rem] + digits
        if number == 0:
            return digits


def child_path(parent_path: str, position: int) -> str:
    """Path of the ``position``-th child (1-based) of a node, as treebeard's MP_Node builds it."""
    return parent_path + int2str(position).rjust(STEPLEN, "0")


# Seeding ---------------------------------------------------------------------


class Seeder:
    def __init__(self, agencies: int, procedures: int, news: int, seed: int, out=sys.stdout):
        from django.contrib.contenttypes.models import ContentType

        from wagtail.models import Locale, Page

        self.rng = random.Random(seed)
        self.n_agencies, self.n_procedures, self.n_news = agencies, procedures, news
        self.out = out
        self.vi = Locale.objects.get_or_create(language_code="vi")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        self.root = Page.get_first_root_node()
        self.ct = ContentType.objects.get_for_model
        self.now = datetime.now().astimezone()
        self.documents = []
        self.page_counts: dict[str, int] = {}

    def log(self, message: str):
        self.out.write(message + "\n")
        self.out.flush()

    # Generic bulk insert of pages of one specific type.

    def insert_pages(self, model, rows: list[dict]) -> list:
        """Insert pages of ``model``: one bulk insert into wagtailcore_page, one into the model's own table."""
        from wagtail.models import Page

        page_fields = {f.attname for f in Page._meta.concrete_fields}
        content_type_id = self.ct(model).pk
        pages, specifics = [], []
        for row in rows:
            page_values = {k: v for k, v in row.items() if k in page_fields}
            page_values.setdefault("draft_title", row["title"])
            page_values.setdefault("translation_key", uuid.uuid4())
            page_values["content_type_id"] = content_type_id
            pages.append(Page(**page_values))
        for start in range(0, len(pages), BATCH):
            Page.objects.bulk_create(pages[start : start + BATCH])
        for page, row in zip(pages, rows, strict=True):
            specific = model(**{k: v for k, v in row.items() if k not in page_fields})
            for name in page_fields:  # keep the page values on the specific object for indexing
                setattr(specific, name, getattr(page, name))
            specific.page_ptr_id = page.pk
            specifics.append(specific)
        local_fields = model._meta.local_concrete_fields
        for start in range(0, len(specifics), BATCH):
            model._base_manager._insert(specifics[start : start + BATCH], fields=local_fields)
        self.page_counts[model.__name__] = self.page_counts.get(model.__name__, 0) + len(specifics)
        return specifics

    def page_row(self, parent_path, parent_url, position, title, slug, locale, published, **extra) -> dict:
        return {
            "path": child_path(parent_path, position),
            "depth": len(parent_path) // STEPLEN + 1,
            "numchild": 0,
            "title": title,
            "slug": slug,
            "url_path": f"{parent_url}{slug}/",
            "locale_id": locale.pk,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": published,
            "last_published_at": published,
            **extra,
        }

    # The pieces.

    def make_agencies(self):
        from django.conf import settings

        from wagtail.models import Page, Site

        from home.models import AgencyHomePage, PortalHomePage
        from sites.models import Agency

        if Agency.objects.filter(slug__startswith="bench-").exists():
            raise SystemExit("This database already holds a seeded network (agencies bench-…): use a fresh database.")
        province = Agency.objects.filter(kind="province", parent__isnull=True).first()
        kinds = [kind for kind, count in KIND_PLAN for _ in range(count)]
        specs = []
        for i in range(self.n_agencies):
            number = i + 1
            if province is None and i == 0:
                specs.append(
                    ("province", "bench-tinh", "Ủy ban nhân dân tỉnh (bench)", "Provincial People's Committee")
                )
                continue
            kind = kinds[len(specs) - (province is None)] if len(specs) - (province is None) < len(kinds) else "commune"
            name = {
                "department": f"Sở chuyên ngành số {number}",
                "district": f"Ủy ban nhân dân huyện số {number}",
                "commune": f"Ủy ban nhân dân xã số {number}",
            }[kind]
            specs.append((kind, f"bench-{number:03d}", name, f"Agency {number}"))

        agencies = [
            Agency(
                slug=slug,
                name=name,
                name_en=name_en,
                kind=kind,
                hostname=f"{slug}.bench.localhost",
                parent=None if kind == "province" else province,
            )
            for kind, slug, name, name_en in specs
        ]
        Agency.objects.bulk_create(agencies)
        if province is None:
            province = agencies[0]
            Agency.objects.filter(pk__in=[a.pk for a in agencies[1:]]).update(parent=province)

        # Home pages: Vietnamese and English at depth 2, after the root's existing children.
        root = Page.objects.get(pk=self.root.pk)
        last = Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True).first()
        next_position = (int(last[-STEPLEN:], 36) if last else 0) + 1
        published = self.now - timedelta(days=5 * 365)
        rows = {PortalHomePage: [], AgencyHomePage: []}
        owners = {PortalHomePage: [], AgencyHomePage: []}
        for agency in agencies:
            cls = PortalHomePage if agency.kind == "province" else AgencyHomePage
            key = uuid.uuid4()
            for locale, title in (
                (self.vi, f"Trang thông tin điện tử {agency.name}"),
                (self.en, f"{agency.name_en} — information website"),
            ):
                rows[cls].append(
                    self.page_row(
                        root.path,
                        "/",
                        next_position,
                        title,
                        agency.slug,
                        locale,
                        published,
                        translation_key=key,
                        agency_id=agency.pk,
                        intro=f"<p>Chào mừng bạn đến với {agency.name}.</p>",
                    )
                )
                owners[cls].append((agency, locale))
                next_position += 1
        homes = {}
        for cls, cls_rows in rows.items():
            if cls_rows:
                for page, (agency, locale) in zip(self.insert_pages(cls, cls_rows), owners[cls], strict=True):
                    homes[(agency.pk, locale.pk)] = page
        Page.objects.filter(pk=root.pk).update(numchild=next_position - 1)

        sites = [
            Site(
                hostname=a.hostname,
                port=settings.SITE_PORT,
                site_name=a.name,
                root_page_id=homes[(a.pk, self.vi.pk)].pk,
            )
            for a in agencies
        ]
        Site.objects.bulk_create(sites)
        for agency, site in zip(agencies, sites, strict=True):
            agency.site_id = site.pk
            agency.home_page_id = homes[(agency.pk, self.vi.pk)].pk
        Agency.objects.bulk_update(agencies, ["site", "home_page"])
        Site.clear_site_root_paths_cache()
        self.agencies = agencies
        self.homes = homes
        names = {a.pk: a.name for a in agencies}
        for (agency_id, _locale_id), page in homes.items():
            self.documents.append(
                self.document(page, "page", agency_id, body=f"Chào mừng bạn đến với {names[agency_id]}.")
            )
        self.log(f"  {len(agencies)} agencies, {len(homes)} home pages, {len(sites)} sites")

    def make_fields(self):
        from procedures.models import ProcedureField

        self.fields = {}
        for _obj, field_name in OBJECTS:
            if field_name not in self.fields:
                self.fields[field_name] = ProcedureField.objects.get_or_create(
                    name=field_name, locale=self.vi, defaults={"translation_key": uuid.uuid4()}
                )[0]

    def make_sections(self, model, title, slug, position):
        """One section page per agency (the procedure or news index) under its Vietnamese home."""
        from wagtail.models import Page

        rows = []
        for agency in self.agencies:
            home = self.homes[(agency.pk, self.vi.pk)]
            rows.append(
                self.page_row(
                    home.path,
                    home.url_path,
                    position,
                    title,
                    slug,
                    self.vi,
                    home.first_published_at,
                    agency_id=agency.pk,
                )
            )
        sections = self.insert_pages(model, rows)
        Page.objects.filter(pk__in=[self.homes[(a.pk, self.vi.pk)].pk for a in self.agencies]).update(numchild=position)
        for section in sections:
            self.documents.append(self.document(section, "page", section.agency_id))
        return {section.agency_id: section for section in sections}

    def spread(self, total: int) -> list[int]:
        base, extra = divmod(total, len(self.agencies))
        return [base + (1 if i < extra else 0) for i in range(len(self.agencies))]

    def make_procedures(self, indexes):
        from wagtail.models import Page

        from procedures.models import ProcedurePage

        rows, counts = [], self.spread(self.n_procedures)
        for agency, count in zip(self.agencies, counts, strict=True):
            index = indexes[agency.pk]
            for n in range(1, count + 1):
                obj, field_name = zipf_choice(self.rng, OBJECTS, 0.6)
                verb = self.rng.choice(VERBS)
                qualifier = self.rng.choice(QUALIFIERS)
                name = " ".join(part for part in (verb, obj, qualifier) if part)
                code = f"BENCH-{agency.slug[-3:].upper()}-{n:03d}"
                steps = [
                    f"Tổ chức, cá nhân nộp hồ sơ {obj} tại Bộ phận Một cửa của {agency.name} hoặc nộp trực tuyến.",
                    "Cán bộ tiếp nhận kiểm tra tính đầy đủ của hồ sơ, hướng dẫn bổ sung nếu thiếu.",
                    f"{agency.name} thẩm định hồ sơ và trả kết quả đúng hẹn.",
                ]
                published = self.now - timedelta(days=self.rng.randint(0, 5 * 365))
                rows.append(
                    self.page_row(
                        index.path,
                        index.url_path,
                        n,
                        name[:255],
                        code.lower(),
                        self.vi,
                        published,
                        agency_id=agency.pk,
                        code=code,
                        field_id=self.fields[field_name].pk,
                        level=self.rng.choice([2, 2, 3, 3, 4]),
                        online=True,
                        processing_time=f"{self.rng.choice([3, 5, 7, 10, 15, 20])} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                        fees=self.rng.choice(["Không", "50.000 đồng/hồ sơ", "135.000 đồng/lần cấp"]),
                        steps=[{"type": "item", "value": s, "id": str(uuid.uuid4())} for s in steps],
                        legal_basis=[{"type": "item", "value": "Nghị định số 61/2018/NĐ-CP", "id": str(uuid.uuid4())}],
                        conditions="",
                        result=f"Văn bản chấp thuận {obj}",
                    )
                )
            index.numchild = count
        procedures = self.insert_pages(ProcedurePage, rows)
        for index in indexes.values():
            Page.objects.filter(pk=index.pk).update(numchild=index.numchild)
        for page in procedures:
            body = "\n".join(
                [page.code, page.result, *[s["value"] for s in page.steps.raw_data], self.fields_by_id[page.field_id]]
            )
            self.documents.append(
                self.document(
                    page,
                    "procedure",
                    page.agency_id,
                    body=body,
                    field_id=page.field_id,
                    level=page.level,
                    code=page.code,
                )
            )
        self.log(f"  {len(procedures)} procedures")

    def news_text(self, agency):
        topic = zipf_choice(self.rng, NEWS_TOPICS)
        values = {
            "agency": agency.name,
            "topic": topic,
            "topic2": zipf_choice(self.rng, NEWS_TOPICS),
            "year": self.rng.randint(2020, 2025),
            "months": self.rng.choice([3, 6, 9]),
            "n": self.rng.randint(100, 20000),
            "m": self.rng.randint(50, 9000),
            "p": self.rng.randint(80, 99),
            "name": self.rng.choice(NAMES),
        }
        title = self.rng.choice(NEWS_TITLES).format(**values)
        paragraphs = []
        for _ in range(self.rng.randint(4, 7)):
            sentences = []
            for _ in range(self.rng.randint(2, 4)):
                values["topic"] = zipf_choice(self.rng, NEWS_TOPICS) if self.rng.random() < 0.3 else topic
                values["topic2"] = zipf_choice(self.rng, NEWS_TOPICS)
                values["n"], values["p"] = self.rng.randint(100, 20000), self.rng.randint(80, 99)
                sentences.append(self.rng.choice(SENTENCES).format(**values))
            paragraphs.append(" ".join(sentences))
        return title, paragraphs

    def make_news(self, indexes):
        from wagtail.models import Page

        from news.models import NewsArticlePage

        counts = self.spread(self.n_news)
        total = 0
        # Agency by agency, so memory stays flat at 50,000 articles.
        for agency, count in zip(self.agencies, counts, strict=True):
            index = indexes[agency.pk]
            rows, texts = [], []
            for n in range(1, count + 1):
                title, paragraphs = self.news_text(agency)
                published = self.now - timedelta(days=self.rng.randint(0, 5 * 365), minutes=self.rng.randint(0, 1440))
                lead = paragraphs[0][:300]
                rows.append(
                    self.page_row(
                        index.path,
                        index.url_path,
                        n,
                        title,
                        f"tin-{n}",
                        self.vi,
                        published,
                        agency_id=agency.pk,
                        date=published.date(),
                        lead=lead,
                        author="Phòng Văn hóa và Thông tin",
                        body=[
                            {"type": "paragraph", "value": f"<p>{p}</p>", "id": str(uuid.uuid4())}
                            for p in paragraphs[1:]
                        ],
                    )
                )
                texts.append("\n".join([lead, *paragraphs[1:], "Phòng Văn hóa và Thông tin"]))
            articles = self.insert_pages(NewsArticlePage, rows)
            Page.objects.filter(pk=index.pk).update(numchild=count)
            for page, body in zip(articles, texts, strict=True):
                self.documents.append(self.document(page, "news", agency.pk, body=body))
            total += len(articles)
            if len(self.documents) >= 5000:
                self.flush_documents()
        self.log(f"  {total} news articles")

    # Search documents.

    def document(self, page, kind, agency_id, body="", field_id=None, level=None, code=""):
        from search.models import SearchDocument

        return SearchDocument(
            page_id=page.pk,
            content_type_id=page.content_type_id,
            locale_id=page.locale_id,
            live=True,
            path=page.path,
            kind=kind,
            agency_id=agency_id,
            field_id=field_id,
            level=level,
            code=code,
            title=page.title,
            body=body,
            published_at=page.last_published_at,
        )

    def flush_documents(self):
        from search.documents import write_documents

        if self.documents:
            self.indexed = getattr(self, "indexed", 0) + write_documents(self.documents)
            self.documents = []

    def run(self):
        from django.db import transaction

        from news.models import NewsIndexPage
        from procedures.models import ProcedureIndexPage

        started = time.perf_counter()
        with transaction.atomic():
            self.make_agencies()
            self.make_fields()
            self.fields_by_id = {f.pk: f.name for f in self.fields.values()}
            procedure_indexes = self.make_sections(ProcedureIndexPage, "Thủ tục hành chính", "thu-tuc-hanh-chinh", 1)
            news_indexes = self.make_sections(NewsIndexPage, "Tin tức – Sự kiện", "tin-tuc", 2)
            self.make_procedures(procedure_indexes)
            self.make_news(news_indexes)
            self.flush_documents()
        self.log(f"  {self.indexed} search documents")
        self.log(f"Seeded in {time.perf_counter() - started:.1f} s: {self.page_counts}")


def seed(agencies=250, procedures=5000, news=50000, seed=20250815, out=sys.stdout):
    Seeder(agencies, procedures, news, seed, out).run()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, default=250)
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--news", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=20250815, help="random seed (same seed, same network)")
    parser.add_argument("--no-migrate", action="store_true", help="the database is already migrated")
    args = parser.parse_args(argv)

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False  # no query log in memory while inserting 55,000 pages
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    if not args.no_migrate:
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Migrated in {time.perf_counter() - started:.1f} s")
    seed(args.agencies, args.procedures, args.news, args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("INSERT INTO portal_search_fts(portal_search_fts) VALUES ('optimize')")


if __name__ == "__main__":
    main()
