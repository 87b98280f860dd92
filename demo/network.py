"""The demo network: the agencies of demo/data/agencies.json, their standard pages and the demo users.

Agencies go through ``sites.provisioning`` and pages through ``core.page_loader``,
the code a province uses. Every step is idempotent: running ``load_demo`` twice
changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from core.page_loader import load_pages
from sites.models import Agency
from sites.provisioning import provision_agencies

DEMO_DIR = Path(settings.BASE_DIR) / "demo" / "data"
USERS = json.loads((DEMO_DIR / "users.json").read_text(encoding="utf-8"))
DEMO_PASSWORD = USERS["password"]  # printed by make run, demo only


def read(name: str):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def fill(value, values: dict):
    """``value`` with ``{name}``-style placeholders filled in, through lists and dicts (keys too)."""
    if isinstance(value, str):
        return value.format_map(values) if "{" in value else value
    if isinstance(value, list):
        return [fill(item, values) for item in value]
    if isinstance(value, dict):
        return {fill(key, values): fill(item, values) for key, item in value.items()}
    return value


def agency_values(agency: Agency) -> dict:
    """What a page template may name: the agency's slug, names and contacts."""
    return {
        "slug": agency.slug,
        "name": agency.name,
        "name_en": agency.name_en or agency.name,
        "address": agency.address,
        "phone": agency.phone,
        "email": agency.email,
    }


def page_records(agency: Agency, templates: list[dict], values: dict | None = None) -> list[dict]:
    """Page-loader records for ``agency`` from templates of demo/data."""
    values = {**agency_values(agency), **(values or {})}
    return [{"site": agency.slug, **fill(template, values)} for template in templates]


def ensure_users() -> list[tuple[str, str, str]]:
    User = get_user_model()
    roles = USERS["roles"]
    rows = []
    agencies = {a.slug: a for a in Agency.objects.all()}
    for spec in USERS["users"]:
        username, slug, role = spec["username"], spec["agency"], spec["role"]
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@hatinh.localhost")
            user.set_password(DEMO_PASSWORD)
            user.is_superuser = user.is_staff = role == "admin"
            user.first_name = roles[role]
            user.save()
        if slug:
            group = getattr(agencies[slug], f"{role}_group")
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
        rows.append((username, agencies[slug].name if slug else "Toàn tỉnh", roles[role]))
    return rows


@transaction.atomic
def load(stdout=None) -> dict:
    pages = read("pages.json")
    records = read("agencies.json")
    for rec in records:
        for key, default in pages["defaults"].items():
            rec.setdefault(key, default.format(slug=rec["slug"]))
    report = provision_agencies(records)
    page_specs = []
    for agency in Agency.objects.filter(slug__in=[r["slug"] for r in records]).order_by("pk"):
        page_specs += page_records(agency, pages["pages"])
    loaded = load_pages(page_specs)
    users = ensure_users()
    return {"agencies": report, "pages": len(loaded.created) + len(loaded.translated), "users": users}
