"""The seeder's content: procedures and news spread over the agencies, and their search documents."""

from __future__ import annotations

import uuid
from datetime import timedelta

from bench.vocabulary import NAMES, NEWS_TITLES, NEWS_TOPICS, OBJECTS, QUALIFIERS, SENTENCES, VERBS, zipf_choice


class ContentSeeding:
    """Mixed into ``bench.seed.Seeder``: procedures, news articles and the search documents written in bulk."""

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
