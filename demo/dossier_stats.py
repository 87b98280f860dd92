"""A year of demo dossiers for the statistics page (issue #14): generated from a seed, never typed.

Parameters in demo/data/dossier-statistics.json. Each agency that has
procedures in the demo gets an online form on its first procedure (if none
yet) and, per month, a number of dossiers drawn for its kind; each dossier's
due date is counted in working days (``online_services.workdays``) and its
fate drawn with the agency's share on time: settled on time or late,
rejected, withdrawn, asked for documents, still open (some overdue, some
with a new appointment), rated 1–5 or not. The rows are written in bulk (the
demo's history, not a replay of the desk), with a history line for the
receipt and the last move. Idempotent: nothing is added once the demo's
statistics dossiers exist.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accountability.models import Rating
from online_services.codes import generate_receipt_code
from online_services.factories import make_service_page, translate_service_page
from online_services.models import Dossier, DossierStatusChange, OnlineServicePage, SupplementRequest
from online_services.workdays import add_working_days
from procedures.models import ProcedurePage
from sites.models import Agency

DATA = Path(settings.BASE_DIR) / "demo" / "data" / "dossier-statistics.json"
NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Võ Thị Giang",
    "Đặng Văn Hùng",
    "Bùi Thị Lan",
    "Đỗ Văn Minh",
    "Hồ Thị Nga",
    "Ngô Văn Phúc",
    "Dương Thị Quỳnh",
]


def _params() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _share(value, rng):
    return rng.uniform(*value) if isinstance(value, list) else value


def _forms(agencies) -> dict[int, list[OnlineServicePage]]:
    """Each agency's live online forms; an agency without one gets a form on its first procedure."""
    forms: dict[int, list[OnlineServicePage]] = {}
    for page in OnlineServicePage.objects.live().filter(locale__language_code="vi").select_related("agency"):
        forms.setdefault(page.agency_id, []).append(page)
    for agency in agencies:
        if agency.pk in forms:
            continue
        procedure = (
            ProcedurePage.objects.live().filter(agency=agency, locale__language_code="vi").order_by("path").first()
        )
        if procedure is None:
            continue
        page = make_service_page(procedure)
        translate_service_page(page)
        forms[agency.pk] = [page]
    return forms


def _at(day: dt.date, rng) -> dt.datetime:
    tz = timezone.get_default_timezone()
    return dt.datetime.combine(day, dt.time(rng.randint(7, 16), rng.randint(0, 59)), tzinfo=tz)


def load(stdout=None) -> str:
    p = _params()
    domain = p["email_domain"]
    if Dossier.objects.filter(applicant_email__endswith="@" + domain).exists():
        return "Thống kê hồ sơ: đã có dữ liệu mẫu"
    rng = random.Random(p["seed"])  # noqa: S311 - reproducible demo data, not a secret
    today = timezone.localdate()
    start = today - dt.timedelta(days=30 * p["months"])
    agencies = list(
        Agency.objects.filter(is_active=True, pk__in=ProcedurePage.objects.values("agency_id")).order_by("slug")
    )
    forms = _forms(agencies)
    dossiers, fates = [], []
    for agency in agencies:
        pages = forms.get(agency.pk)
        if not pages:
            continue
        on_time_share = _share(p["on_time_share"].get(agency.slug, p["on_time_share"]["default"]), rng)
        low, high = p["monthly_dossiers"][agency.kind]
        for month in range(p["months"]):
            # online use grows over the year: later months get more dossiers
            count = int(rng.randint(low, high) * (0.7 + 0.6 * month / max(p["months"] - 1, 1)))
            for _i in range(count):
                page = rng.choice(pages)
                procedure = page.get_parent().specific
                submitted = start + dt.timedelta(days=30 * month + rng.randint(0, 29))
                if submitted > today:
                    continue
                days = procedure.working_days or rng.choice([3, 5, 7, 10, 15])
                due = add_working_days(submitted, days)
                n = len(dossiers)
                dossiers.append(
                    Dossier(
                        receipt_code=generate_receipt_code(),
                        procedure=procedure,
                        service_page=page,
                        procedure_code=procedure.code,
                        procedure_title=procedure.title,
                        agency=agency,
                        applicant_name=rng.choice(NAMES),
                        applicant_phone=f"09{rng.randint(10000000, 99999999)}",
                        applicant_email=f"cong-dan-{n}@{domain}",
                        submitted_at=_at(submitted, rng),
                        working_days=days,
                        complete_on=submitted,
                        due_date=due,
                    )
                )
                fates.append(_fate(dossiers[-1], submitted, due, today, on_time_share, p, rng))
    with transaction.atomic():
        Dossier.objects.bulk_create(dossiers, batch_size=500)
        history, supplements, ratings = [], [], []
        for dossier, fate in zip(dossiers, fates, strict=True):
            history.append(
                DossierStatusChange(
                    dossier=dossier, from_status="", to_status="received", changed_at=dossier.submitted_at
                )
            )
            if fate.get("supplement_at"):
                supplements.append(
                    SupplementRequest(
                        dossier=dossier,
                        requested_at=fate["supplement_at"],
                        message="Bổ sung bản sao giấy tờ tùy thân có chứng thực.",
                    )
                )
            if dossier.status != "received":
                history.append(
                    DossierStatusChange(
                        dossier=dossier,
                        from_status="received",
                        to_status=dossier.status,
                        changed_at=dossier.completed_at or fate["moved_at"],
                    )
                )
            if fate.get("rating"):
                ratings.append(
                    Rating(dossier=dossier, created_at=dossier.completed_at + dt.timedelta(days=2), **fate["rating"])
                )
        DossierStatusChange.objects.bulk_create(history, batch_size=1000)
        SupplementRequest.objects.bulk_create(supplements, batch_size=1000)
        Rating.objects.bulk_create(ratings, batch_size=1000)
    from accountability.figures import bump_generation

    bump_generation()
    return f"Thống kê hồ sơ: {len(dossiers)} hồ sơ mẫu của {len(forms)} cơ quan trong {p['months']} tháng, {len(ratings)} lượt đánh giá"


def _fate(dossier: Dossier, submitted: dt.date, due: dt.date, today: dt.date, on_time_share, p, rng) -> dict:
    """Draw what became of the dossier and set its status, dates and rating."""
    fate: dict = {"moved_at": _at(submitted, rng)}
    if rng.random() < p["withdrawn_share"]:
        dossier.status = "withdrawn"
        return fate
    if rng.random() < p["supplement_share"]:
        asked = submitted + dt.timedelta(days=rng.randint(1, 3))
        fate["supplement_at"] = _at(min(asked, today), rng)
        answered = asked + dt.timedelta(days=rng.randint(2, 10))
        if answered > today:
            dossier.status = "supplement_requested"
            return fate
        # complete again: the due date is counted afresh from the day the documents came (Decree 61 art. 18)
        dossier.complete_on = answered
        dossier.due_date = due = add_working_days(answered, dossier.working_days)
        submitted = answered
    on_time = rng.random() < on_time_share
    span = max((due - submitted).days, 1)
    done = (
        submitted + dt.timedelta(days=rng.randint(1, span)) if on_time else due + dt.timedelta(days=rng.randint(1, 12))
    )
    if done >= today:
        dossier.status = rng.choice(["received", "processing", "processing"])
        if due < today and rng.random() < p["apology_share_of_late_open"]:
            dossier.new_due_date = today + dt.timedelta(days=rng.randint(2, 10))
        return fate
    dossier.completed_at = _at(done, rng)
    if rng.random() < p["rejected_share"]:
        dossier.status = "rejected"
    else:
        dossier.status = "result_returned" if (today - done).days > 3 else "result_ready"
    if dossier.status in ("result_returned", "rejected") and rng.random() < p["rated_share"]:
        good = on_time and dossier.status == "result_returned"
        scores = [5, 5, 4, 4, 4, 3] if good else [4, 3, 3, 2, 2, 1]
        fate["rating"] = {
            "ease": rng.choice(scores),
            "timeliness": rng.choice(scores),
            "attitude": rng.choice(scores),
            "overall": rng.choice(scores),
        }
    return fate
