"""Every role × every resource × own and other agency, against an allow/deny table written out here.

Each cell is tried through the real admin URLs with the test client, and
judged by its effect where there is one (the title saved, the page moved,
the status changed, the file's bytes handed out), not by the status code
alone. ``own`` is Sở Y tế, the agency of the editor, moderator and officer;
``other`` is Sở Giao thông vận tải.
"""

from __future__ import annotations

import pytest

from django.test import Client
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from online_services.models import Dossier

from .world import build_agency_world

A, D = "allow", "deny"

RESOURCES = [
    "page_edit",
    "page_publish",
    "page_move",
    "page_delete",
    "image",
    "document",
    "dossier",
    "dossier_status",
    "dossier_file",
    "site_settings",
    "procedure_import",
]

# Own agency, per resource, for the agency roles; the other agency is denied to every one of them.
# Wagtail lets a user holding "change" and "publish" on a subtree move and delete its live pages,
# so moderators may; editors (no publish) may not remove a live page. Officers work on dossiers
# only; only the portal administrator edits site settings and imports the catalogue.
AGENCY_ROLES = ("editor", "moderator", "officer")
OWN_AGENCY = {
    # resource:        editor, moderator, officer
    "page_edit": (A, A, D),
    "page_publish": (D, A, D),
    "page_move": (D, A, D),
    "page_delete": (D, A, D),
    "image": (A, A, D),
    "document": (A, A, D),
    "dossier": (D, D, A),
    "dossier_status": (D, D, A),
    "dossier_file": (D, D, A),
    "site_settings": (D, D, D),
    "procedure_import": (D, D, D),
}
assert list(OWN_AGENCY) == RESOURCES

# (own agency, other agency) per role and resource.
EXPECTED = {
    "anonymous": dict.fromkeys(RESOURCES, (D, D)),
    **{
        role: {resource: (OWN_AGENCY[resource][column], D) for resource in RESOURCES}
        for column, role in enumerate(AGENCY_ROLES)
    },
    "portal_admin": dict.fromkeys(RESOURCES, (A, A)),
}


def _page_post(page, title, **extra):
    return {"title": title, "slug": page.slug, "intro": "", "body-count": "0", **extra}


def try_page_edit(client, w, tag):
    page = w["page_edit"]
    title = f"Đã sửa bởi {tag}"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), _page_post(page, title))
    latest = Page.objects.get(pk=page.pk).get_latest_revision()
    return latest is not None and latest.content.get("title") == title


def try_page_publish(client, w, tag):
    page = w["page_publish"]
    title = f"Đã xuất bản bởi {tag}"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), _page_post(page, title, **{"action-publish": "1"}))
    return Page.objects.get(pk=page.pk).title == title


def try_page_move(client, w, tag):
    page, folder = w["page_move"], w["folder"]
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, folder.pk]))
    return Page.objects.get(pk=page.pk).get_parent().pk == folder.pk


def try_page_delete(client, w, tag):
    page = w["page_delete"]
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    return not Page.objects.filter(pk=page.pk).exists()


def try_image(client, w, tag):
    image = w["image"]
    title = f"Ảnh sửa bởi {tag}"
    client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": title, "collection": image.collection_id, "tags": "", "description": ""},
    )
    return Image.objects.get(pk=image.pk).title == title


def try_document(client, w, tag):
    document = w["document"]
    title = f"Tài liệu sửa bởi {tag}"
    client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": title, "collection": document.collection_id, "tags": ""},
    )
    return Document.objects.get(pk=document.pk).title == title


def try_dossier(client, w, tag):
    dossier = w["dossier"]
    response = client.get(reverse("online_services_admin:detail", args=[dossier.pk]))
    return response.status_code == 200 and dossier.applicant_name in response.content.decode()


def try_dossier_status(client, w, tag):
    dossier = w["dossier_status"]
    client.post(
        reverse("online_services_admin:detail", args=[dossier.pk]),
        {
            "action": "status",
            "status-version": Dossier.objects.get(pk=dossier.pk).version,
            "status-to_status": Dossier.Status.PROCESSING,
            "status-comment": f"Chuyển bởi {tag}",
        },
    )
    return Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.PROCESSING


def try_dossier_file(client, w, tag):
    item = w["dossier_file"]
    response = client.get(reverse("online_services_admin:file", args=[item.dossier_id, item.pk]))
    if response.status_code != 200 or not hasattr(response, "streaming_content"):
        return False
    with item.file.open("rb") as handle:
        return b"".join(response.streaming_content) == handle.read()


def try_site_settings(client, w, tag):
    response = client.get(reverse("wagtailsettings:edit", args=["core", "sitesettings", w["site"].pk]))
    return response.status_code == 200 and b'name="hotline"' in response.content


def try_procedure_import(client, w, tag):
    response = client.get(reverse("procedures_import:upload"))
    return response.status_code == 200 and b'type="file"' in response.content


ATTEMPTS = {name: globals()[f"try_{name}"] for name in RESOURCES}


@pytest.fixture
def worlds(network):
    return {
        "own": build_agency_world(network["so-y-te"], "yte", "HT-YTE-901"),
        "other": build_agency_world(network["so-gtvt"], "gtvt", "HT-GTVT-901"),
    }


def user_for(role, network, make_user):
    health = network["so-y-te"]
    return {
        "anonymous": None,
        "editor": lambda: make_user("bien-tap-yte", health.editors_group),
        "moderator": lambda: make_user("kiem-duyet-yte", health.moderators_group),
        "officer": lambda: make_user("mot-cua-yte", health.officers_group),
        "portal_admin": lambda: make_user("quan-tri-cong", superuser=True),
    }[role]


def actual_row(role, worlds, network, make_user) -> dict:
    client = Client()
    factory = user_for(role, network, make_user)
    if factory is not None:
        client.force_login(factory())
    row = {}
    for resource in RESOURCES:
        row[resource] = tuple(
            A if ATTEMPTS[resource](client, worlds[scope], f"{role}-{scope}") else D for scope in ("own", "other")
        )
    return row


def format_row(role, row) -> str:
    return "\n".join(f"  {role:13} {r:17} own={row[r][0]:5} other={row[r][1]}" for r in RESOURCES)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_permission_matrix(role, worlds, network, make_user):
    row = actual_row(role, worlds, network, make_user)
    print(f"\npermission matrix, {role}:\n{format_row(role, row)}")
    unexpected_allow = []
    unexpected_deny = []
    for resource in RESOURCES:
        for index, scope in enumerate(("own", "other")):
            want, got = EXPECTED[role][resource][index], row[resource][index]
            if got == A and want == D:
                unexpected_allow.append(f"{role} {resource} ({scope})")
            elif got == D and want == A:
                unexpected_deny.append(f"{role} {resource} ({scope})")
    assert not unexpected_allow, f"UNEXPECTED ALLOW: {unexpected_allow}"
    assert not unexpected_deny, f"unexpected deny: {unexpected_deny}"


def test_the_table_covers_every_role_and_resource():
    assert set(EXPECTED) == {"anonymous", "editor", "moderator", "officer", "portal_admin"}
    for role, row in EXPECTED.items():
        assert set(row) == set(RESOURCES), role
    # Nobody but the portal administrator may touch the other agency.
    for role, row in EXPECTED.items():
        if role != "portal_admin":
            assert all(cell[1] == D for cell in row.values()), role
