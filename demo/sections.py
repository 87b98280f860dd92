"""Demo content of the Decree 42/2022 sections on every demo agency's site, from demo/data/sections.json.

Organisation, the legal documents library, direction and administration, plans
and reports, one open and one closed public consultation, published questions
and answers, and contact. Pages go through ``core.page_loader``; taxonomy
items, documents, portraits, comments and questions (not pages) are made here.
Idempotent: a page that exists is left as it is; comments and questions are
added only with the page that shows them.

The documents are demo data: numbers and summaries look like the real ones,
but the provincial and agency documents are invented for the demo.
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from core.page_loader import load_pages
from core.text import fold
from sections import factories as f
from sections.models import ConsultationComment, ConsultationPage, LegalDocumentPage, Question, QuestionIndexPage
from sites.models import Agency

from .network import agency_values, fill, read


def _rich(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _list(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _is_committee(agency: Agency) -> bool:
    return agency.kind in (Agency.Kind.PROVINCE, Agency.Kind.DISTRICT, Agency.Kind.COMMUNE)


# --- shared taxonomies and images ------------------------------------------------


def ensure_taxonomies(data: dict) -> None:
    for order, spec in enumerate(data["document_types"]):
        f.document_type(spec["name"], spec["name_en"], order)
    for spec in data["issuers"].values():
        f.issuer(spec["name"], spec["name_en"], spec["order"])


def _portrait_png(shade: int, size: list[int]) -> bytes:
    """A neutral silhouette: the demo ships no photographs of people."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    img = PILImage.new("RGB", tuple(size), (226, 230, 236))
    draw = ImageDraw.Draw(img)
    colour = (shade, shade + 8, shade + 20)
    draw.ellipse((105, 70, 215, 190), fill=colour)
    draw.ellipse((50, 210, 270, 470), fill=colour)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def ensure_portraits(spec: dict) -> list[str]:
    """The portraits' titles (the page records name them)."""
    from django.core.files.images import ImageFile

    Image = get_image_model()
    titles = []
    for i, shade in enumerate(spec["shades"], start=1):
        title = spec["title"].format(n=i)
        if not Image.objects.filter(title=title).exists():
            image = Image(title=title, collection=Collection.get_first_root_node())
            image.file = ImageFile(io.BytesIO(_portrait_png(shade, spec["size"])), name=spec["file"].format(n=i))
            image.save()
        titles.append(title)
    return titles


def _document(title: str, text: str, agency: Agency) -> dict:
    """A ref to the agency's text document ``title``, made when missing."""
    if not get_document_model().objects.filter(title=title, collection=agency.collection).exists():
        f.text_document(title, text, agency.collection)
    return {"title": title, "collection": agency.collection_id}


# --- page records per agency ---------------------------------------------------------


def organisation_record(agency: Agency, data: dict, values: dict, portraits: list[str]) -> dict:
    kind = values["kind"]
    leaders = data["leaders"]
    names = leaders["names"][agency.pk % len(leaders["names"])]
    record = fill(data["organisation"], values)
    # The structure's paragraph is the list of divisions; each item is a string to translate.
    record["translations"]["en"].update(dict(zip(kind["divisions"], kind["divisions_en"], strict=True)))
    record["children"] = {
        "leaders": [
            {
                "fields": {
                    "name": name,
                    "position": kind["head"] if i == 0 else kind["deputy"],
                    "duties": leaders["duties"][i],
                    "phone": leaders["phone"].format(n=(agency.pk * 3 + i) % 1000),
                    "email": leaders["email"].format(
                        given=fold(name.split()[-1]).lower(), slug_compact=agency.slug.replace("-", "")
                    ),
                },
                "refs": {"photo": {"title": portrait}},
            }
            for i, (name, portrait) in enumerate(zip(names, portraits, strict=True))
        ]
    }
    record["translated_children"] = {
        "en": {
            "leaders": [
                {"position": kind["head_en"] if i == 0 else kind["deputy_en"], "duties": duty}
                for i, duty in enumerate(leaders["duties_en"])
            ]
        }
    }
    return record


def _document_specs(agency: Agency, data: dict, group: str, values: dict) -> list[dict]:
    docs = data["documents"]
    if group == "legal":
        specs = [dict(spec) for spec in docs["shared"]]
        ministry = data["ministries"].get(agency.slug)
        if ministry:
            f.issuer(ministry["name"], ministry["name_en"])
            for spec in docs["ministry"].get(agency.slug, []):
                issuer = spec.get("issuer") or ministry
                f.issuer(issuer["name"], issuer["name_en"])
                specs.append({**spec, "issuer": issuer["name"]})
        group_spec = docs["own"]
        if agency.slug in group_spec["except"]:
            return specs
    else:
        specs, group_spec = [], docs[group]
    base, step = group_spec["seq"]
    for item in group_spec["items"]:
        number = item["number_portal"] if agency.slug == "ha-tinh" and "number_portal" in item else item["number"]
        item_values = {**values, "n": base + agency.pk * step + item["offset"], "pk": agency.pk}
        specs.append({**item, "number": number.format_map(item_values), "summary": fill(item["summary"], values)})
        specs[-1]["issuer"] = values["own_issuer"]
    return specs


def library_records(agency: Agency, data: dict, spec: dict, values: dict) -> list[dict]:
    library = {
        "site": agency.slug,
        "type": spec["type"],
        "slug": spec["slug"],
        "fields": {"title": spec["title"], "intro": spec["intro"], "show_in_menus": True},
        "translations": {"en": {spec["title"]: spec["title_en"], spec["intro"]: spec["intro_en"]}},
    }
    records = [library]
    issuers = data["issuers"]
    for doc in _document_specs(agency, data, spec["documents"], values):
        issuer = issuers[doc["issuer"]]["name"] if doc["issuer"] in issuers else doc["issuer"]
        title = f"{doc['type']} {doc['number']}"
        text = data["documents"]["file_text"].format(type=doc["type"], number=doc["number"], summary=doc["summary"])
        records.append(
            {
                "site": agency.slug,
                "parent": spec["slug"],
                "type": "sections.LegalDocumentPage",
                "slug": slugify(fold(doc["number"].replace("/", "-"))) or "van-ban",
                "fields": {
                    "title": f"{doc['type']} số {doc['number']}",
                    "number": doc["number"],
                    "issued_date": doc["issued"],
                    "effective_date": doc.get("effective") or doc["issued"],
                    "expiry_date": doc.get("expiry"),
                    "status": doc.get("status") or "in_force",
                    "summary": doc["summary"],
                },
                "refs": {
                    "document_type": {"name": doc["type"]},
                    "issuer": {"name": issuer},
                    "file": _document(title, text, agency),
                },
                # Many documents per site: live pages without a first revision keep the demo fast;
                # editing one in the admin creates its first revision.
                "revision": False,
            }
        )
    return records


def consultation_records(agency: Agency, data: dict, values: dict) -> list[dict]:
    spec = data["consultations"]
    text = fill(spec["texts"].get(agency.slug) or spec["default_text"], values)
    now = timezone.now()
    records = [{"site": agency.slug, **spec["index"]}]
    for key, title, summary, draft in (
        ("open", text["title"], text["summary"], True),
        ("closed", spec["closed"]["title"], spec["closed"]["summary"], False),
    ):
        closes_at = now + timedelta(days=spec[key]["closes_in_days"])
        record = {
            "site": agency.slug,
            "parent": spec["index"]["slug"],
            "type": "sections.ConsultationPage",
            "slug": spec[key]["slug"],
            "fields": {
                "title": title,
                "summary": summary,
                "opens_at": min(now, closes_at) - timedelta(days=10),
                "closes_at": closes_at,
                "drafting_body": agency.name,
                "body": spec[key].get("body", ""),
            },
        }
        if draft:
            file = _document(spec["draft_file_title"], f"{title}\n\n{summary}", agency)
            record["refs"] = {"draft_file": file}
        records.append(record)
    return records


def add_comments(page: ConsultationPage, comments: list[dict]) -> None:
    for spec in comments:
        comment = ConsultationComment(page=page, **{k: v for k, v in spec.items() if k != "published"})
        if spec.get("published"):
            comment.status = ConsultationComment.Status.PUBLISHED
            comment.published_at = timezone.now()
        comment.save()


def add_questions(page: QuestionIndexPage, agency: Agency, spec: dict) -> None:
    askers = spec["askers"]
    for i, item in enumerate(spec["by_agency"].get(agency.slug, []) + spec["common"]):
        Question(
            page=page,
            name=askers[i % len(askers)],
            email=f"nguoidan{i + 1}@example.vn",
            title=item["title"],
            question=item["question"],
            answer=item["answer"],
            status=Question.Status.PUBLISHED,
            answered_at=timezone.now(),
            published_at=timezone.now() - timedelta(days=i),
        ).save()
    Question(page=page, **spec["pending"]).save()


def agency_records(agency: Agency, data: dict, portraits: list[str]) -> list[dict]:
    kind = data["kinds"]["committee" if _is_committee(agency) else "department"]
    abbr = data["abbreviations"].get(agency.slug, data["default_abbreviation"])
    own_issuer = "ubnd-tinh" if agency.slug == "ha-tinh" else f.issuer(agency.name, agency.name_en).name
    values = {
        **agency_values(agency),
        **kind,
        "kind": kind,
        "abbr": abbr,
        "own_issuer": own_issuer,
        "divisions_html": _list(*kind["divisions"]),
    }
    records = [{"site": agency.slug, **organisation_record(agency, data, values, portraits)}]
    for spec in data["libraries"]:
        records += library_records(agency, data, spec, values)
    records += consultation_records(agency, data, values)
    records.append({"site": agency.slug, **data["questions"]["index"]})
    records.append({"site": agency.slug, **data["contact"]})
    return records


@transaction.atomic
def load(stdout=None) -> str:
    data = read("sections.json")
    ensure_taxonomies(data)
    portraits = ensure_portraits(data["portraits"])
    created = 0
    agencies = Agency.objects.active().filter(home_page__isnull=False).select_related("home_page", "collection")
    for agency in agencies:
        records = agency_records(agency, data, portraits)
        report = load_pages(records)
        created += len(report.created) + len(report.translated)
        for position, record in enumerate(records, start=1):
            if f"{agency.slug}:{_path(record)}" not in report.created:
                continue
            page = report.pages[position]
            if record["slug"] == data["consultations"]["open"]["slug"]:
                add_comments(page, data["consultations"]["comments"])
            elif record["type"] == "sections.QuestionIndexPage":
                add_questions(page, agency, data["questions"])
    documents = LegalDocumentPage.objects.count()
    drafts = ConsultationPage.objects.count()
    return (
        f"Chuyên mục theo Nghị định 42/2022 – trang mới: {created}; "
        f"văn bản: {documents}; dự thảo: {drafts}; câu hỏi: {Question.objects.count()}"
    )


def _path(record: dict) -> str:
    return f"{record.get('parent', '')}/{record['slug']}".strip("/")
