"""Creating, renaming, merging and retiring agency sites.

Each function is idempotent: running it again with the same input changes
nothing, so the demo loader and the management commands can be re-run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from . import hooks
from .models import Agency, AgencyPageMixin

logger = logging.getLogger("portal.sites")

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]

ROLE_LABELS = {"editors": "Biên tập viên", "moderators": "Kiểm duyệt viên", "officers": "Cán bộ một cửa"}


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


REGISTRY_FIELDS = ["name", "name_en", "site_name", "kind", "hostname", "address", "phone", "email"]


def _set_fields(obj, values: dict) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


@transaction.atomic
def provision_agencies(records: list[dict]) -> Report:
    """Provision a list of agencies in the format of shared/data/agencies.json.

    Parents are resolved by slug, so a parent may appear after its child.
    """
    report = Report()
    by_slug = {rec["slug"]: rec for rec in records}
    done: set[str] = set()

    def ensure(slug: str):
        if slug in done:
            return
        rec = by_slug[slug]
        if rec.get("parent") and rec["parent"] in by_slug:
            ensure(rec["parent"])
        values = {key: rec.get(key) or "" for key in REGISTRY_FIELDS}
        parent = Agency.objects.get(slug=rec["parent"]) if rec.get("parent") else None
        agency = Agency.objects.filter(slug=slug).first()
        if agency is None:
            agency = Agency(slug=slug, parent=parent, **values)
            agency.save()
            report.created.append(slug)
            changed = True
        else:
            changed = _set_fields(agency, {**values, "parent_id": parent.pk if parent else None})
            if changed:
                agency.save()
        if provision_agency(agency) or changed:
            if slug not in report.created:
                report.updated.append(slug)
        elif slug not in report.created:
            report.unchanged.append(slug)
        done.add(slug)

    for rec in records:
        ensure(rec["slug"])
    return report


@transaction.atomic
def provision_agency(agency: Agency) -> bool:
    """Give an agency its home page (both locales), site, collection, groups and workflow.

    Returns whether anything was created or changed.
    """
    changed = False
    changed |= _ensure_home_pages(agency)
    changed |= _ensure_site(agency)
    changed |= _ensure_collection(agency)
    changed |= _ensure_groups(agency)
    changed |= _ensure_workflow(agency)
    if changed:
        agency.save()
    # After the save: pages find their agency through its stored home page.
    changed |= hooks.provision(agency)
    return changed


def _ensure_home_pages(agency: Agency) -> bool:
    changed = False
    vi, en = _locale("vi"), _locale("en")
    home = agency.home_page.specific if agency.home_page_id else None
    if home is None:
        root = Page.get_first_root_node()
        cls = hooks.home_page_model(agency)
        home = cls(title=agency.default_site_name, slug=agency.slug, locale=vi, seo_title=agency.default_site_name)
        root.add_child(instance=home)
        home.save_revision().publish()
        agency.home_page = home
        changed = True
    title = agency.default_site_name
    if home.title != title:
        home.title = title
        home.seo_title = title
        home.save_revision().publish()
        changed = True
    en_home = home.get_translation_or_none(en)
    en_title = f"{agency.name_en or agency.name} — information website"
    if agency.kind == Agency.Kind.PROVINCE and agency.parent_id is None:
        en_title = f"{agency.name_en or agency.name} — e-portal"
    if en_home is None:
        en_home = home.copy_for_translation(en)
        en_home.title = en_title
        en_home.seo_title = en_title
        en_home.save_revision().publish()
        changed = True
    elif en_home.title != en_title:
        en_home = en_home.specific
        en_home.title = en_title
        en_home.seo_title = en_title
        en_home.save_revision().publish()
        changed = True
    return changed


def _ensure_site(agency: Agency) -> bool:
    from django.conf import settings

    is_portal = agency.kind == Agency.Kind.PROVINCE and agency.parent_id is None
    values = {
        "hostname": agency.hostname,
        "port": settings.SITE_PORT,
        "site_name": agency.default_site_name,
        "root_page_id": agency.home_page_id,
        "is_default_site": is_portal,
    }
    site = agency.site or Site.objects.filter(hostname=agency.hostname, port=settings.SITE_PORT).first()
    if site is None:
        if is_portal:
            Site.objects.filter(is_default_site=True).update(is_default_site=False)
        site = Site.objects.create(**values)
        agency.site = site
        return True
    changed = agency.site_id != site.pk
    agency.site = site
    if _set_fields(site, values):
        if is_portal:
            Site.objects.filter(is_default_site=True).exclude(pk=site.pk).update(is_default_site=False)
        site.save()
        changed = True
    return changed


def _ensure_collection(agency: Agency) -> bool:
    if agency.collection_id:
        if agency.collection.name != agency.name:
            agency.collection.name = agency.name
            agency.collection.save()
            return True
        return False
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=agency.name).first()
    agency.collection = existing or root.add_child(name=agency.name)
    return True


def _group_name(agency: Agency, role: str) -> str:
    return f"{agency.slug}: {ROLE_LABELS[role]}"


def _permissions(codes: list[tuple[str, str]]) -> list[Permission]:
    return [Permission.objects.get(content_type__app_label=app, codename=code) for app, code in codes]


def _ensure_groups(agency: Agency) -> bool:
    changed = False
    page_roots = [agency.home_page, *agency.home_page.get_translations()]
    for role in ("editors", "moderators", "officers"):
        attr = f"{role}_group"
        group = getattr(agency, attr)
        if group is None:
            group, _ = Group.objects.get_or_create(name=_group_name(agency, role))
            setattr(agency, attr, group)
            changed = True
        elif group.name != _group_name(agency, role):
            group.name = _group_name(agency, role)
            group.save()
            changed = True
        wanted_model_perms = set(_permissions(hooks.role_permissions(role)))
        missing = wanted_model_perms - set(group.permissions.all())
        if missing:
            group.permissions.add(*missing)
            changed = True
        if role == "officers":
            continue
        page_perm_codes = EDITOR_PAGE_PERMISSIONS if role == "editors" else MODERATOR_PAGE_PERMISSIONS
        page_perms = _permissions([("wagtailcore", code) for code in page_perm_codes])
        for root in page_roots:
            for perm in page_perms:
                _, created = GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)
                changed |= created
        for perm in _permissions(COLLECTION_PERMISSIONS):
            _, created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=agency.collection, permission=perm
            )
            changed |= created
    return changed


def _ensure_workflow(agency: Agency) -> bool:
    """Every agency's pages go through its own moderators before publishing."""
    name = f"Kiểm duyệt – {agency.slug}"
    workflow = Workflow.objects.filter(name=name).first()
    changed = False
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
        task = GroupApprovalTask.objects.create(name=f"Duyệt nội dung – {agency.slug}")
        task.groups.set([agency.moderators_group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        changed = True
    for root in [agency.home_page, *agency.home_page.get_translations()]:
        _, created = WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
        changed |= created
    return changed


# --- renaming, merging and retiring -------------------------------------------------


@transaction.atomic
def rename_agency(agency: Agency, *, name: str, name_en: str | None = None, site_name: str | None = None) -> bool:
    """Rename an agency; its site, home page, collection and groups follow."""
    changed = _set_fields(
        agency,
        {
            "name": name,
            "name_en": agency.name_en if name_en is None else name_en,
            "site_name": "" if site_name is None else site_name,
        },
    )
    if changed:
        agency.save()
    changed |= provision_agency(agency)
    return changed


def _redirect(site: Site, old_path: str, *, page: Page | None = None, link: str = "") -> bool:
    old_path = Redirect.normalise_path(old_path)
    redirect, created = Redirect.objects.get_or_create(
        site=site,
        old_path=old_path,
        defaults={"redirect_page": page, "redirect_link": link, "is_permanent": True},
    )
    if not created and (redirect.redirect_page_id != (page.pk if page else None) or redirect.redirect_link != link):
        redirect.redirect_page = page
        redirect.redirect_link = link
        redirect.save()
        return True
    return created


def _subtree_paths(home: Page) -> list[tuple[Page, str]]:
    """Every page below a home page (any locale) with the path a visitor used for it."""
    result = []
    for root in [home, *home.get_translations()]:
        prefix = "" if root.locale.language_code == "vi" else f"/{root.locale.language_code}"
        for page in root.get_descendants(inclusive=True).specific(defer=True):
            relative = page.url_path[len(root.url_path) :]
            result.append((page, f"{prefix}/{relative}"))
    return result


@transaction.atomic
def merge_agency(source: Agency, target: Agency) -> int:
    """Merge ``source`` into ``target``: pages move, old URLs redirect, source retires.

    Returns the number of pages moved.
    """
    if source.pk == target.pk:
        raise ValueError("Không thể sáp nhập một cơ quan vào chính nó.")
    if not target.is_active:
        raise ValueError("Cơ quan tiếp nhận đã ngừng hoạt động.")
    old_paths = _subtree_paths(source.home_page)
    target_roots = {p.locale_id: p for p in [target.home_page, *target.home_page.get_translations()]}
    # Pages left behind in the source tree (homes, emptied listings) redirect to their twin.
    replacement: dict[int, Page] = {}
    moved = 0
    for root in [source.home_page, *source.home_page.get_translations()]:
        destination = target_roots.get(root.locale_id)
        if destination is None:
            continue
        replacement[root.pk] = destination
        moved += _move_children(root, destination, source.slug, replacement)
    _reassign_agency(source, target)
    for page, path in old_paths:
        page.refresh_from_db()
        _redirect(source.site, path, page=replacement.get(page.pk, page))
    source.merged_into = target
    _retire(source)
    logger.info("Merged %s into %s (%d pages moved)", source.slug, target.slug, moved)
    return moved


def _is_listing(page: Page) -> bool:
    """Section listings (catalogue, news, legal documents…) merge; content pages move."""
    return page.specific_class is not None and page.specific_class.__name__.endswith("IndexPage")


def _move_children(src: Page, dst: Page, source_slug: str, replacement: dict[int, Page]) -> int:
    """Move ``src``'s children under ``dst``; a listing meets its twin listing and merges into it."""
    moved = 0
    for child in src.get_children().specific():
        twins = dst.get_children().filter(slug=child.slug, content_type_id=child.content_type_id)
        twin = twins.first() if _is_listing(child) else None
        if twin is not None:
            replacement[child.pk] = twin
            moved += _move_children(child, twin, source_slug, replacement)
            continue
        siblings = set(dst.get_children().values_list("slug", flat=True))
        if child.slug in siblings:
            child.slug = _free_slug(f"{child.slug}-{source_slug}", siblings)
            child.save(update_fields=["slug"], clean=False)
        child.move(dst, pos="last-child")
        moved += 1
    return moved


def _free_slug(base: str, taken: set[str]) -> str:
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def _reassign_agency(source: Agency, target: Agency) -> None:
    """Move the stored owner of every moved page (and procedure) to the target."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, AgencyPageMixin) and not model._meta.abstract:
            model.objects.filter(agency=source).exclude(pk__in=_home_pks(source)).update(agency=target)
    hooks.merge(source, target)


def _home_pks(agency: Agency) -> list[int]:
    return [agency.home_page_id, *agency.home_page.get_translations().values_list("pk", flat=True)]


def _retire(agency: Agency) -> None:
    agency.is_active = False
    agency.retired_at = agency.retired_at or timezone.now()
    agency.save()
    for root in [agency.home_page, *agency.home_page.get_translations()]:
        # Wagtail routes through an unpublished parent, so close every page left in the tree.
        for page in root.get_descendants(inclusive=True).live().specific(defer=True):
            page.unpublish(set_expired=False, log_action=True)


@transaction.atomic
def retire_agency(agency: Agency) -> int:
    """Close an agency's site; every URL it had redirects to the parent agency's site.

    Returns the number of redirects written.
    """
    parent = agency.parent
    while parent is not None and not parent.is_active:
        parent = parent.merged_into or parent.parent
    if parent is None:
        raise ValueError("Cơ quan không có cơ quan cấp trên đang hoạt động để chuyển hướng.")
    parent_roots = {p.locale_id: p for p in [parent.home_page, *parent.home_page.get_translations()]}
    count = 0
    for page, path in _subtree_paths(agency.home_page):
        _redirect(agency.site, path, page=parent_roots.get(page.locale_id, parent.home_page))
        count += 1
    for root in [agency.home_page, *agency.home_page.get_translations()]:
        for page in root.get_descendants().live().specific(defer=True):
            page.unpublish(set_expired=False, log_action=True)
    _retire(agency)
    return count
