"""wagtail #8410: admin pages timed out at 11 sites. Ours must not grow with the network.

An agency editor's dashboard, explorer, page chooser (browsing the agency home
and searching a common word) and the edit view of one of the agency's
procedures are measured with a network of 13 agencies (the three-agency test
network and 10 more) and again with 240 more, each with its own site, home
page, collection, groups and page permissions, as provisioning makes them. The
query counts must be identical, and equal to the documented budgets
(docs/admin-scale.md); bench/admin_bench.py times the same views.
"""

from urllib.parse import urlencode

import pytest

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.search import index

from core import admin_cache
from home.models import AgencyHomePage
from sites.models import Agency
from tests.procedures.catalogue_fixtures import make_procedures

# Budgets (queries per request) for an agency editor; see docs/admin-scale.md.
BUDGETS = {
    # -4 (#18): the user's agencies asked once per request, the admin frame's logo once, the tasks
    # to review in one subquery (sites.admin_scope.reviewable_task_states); -2 (#18 second pass): the
    # user's agencies for the frame and the dashboard in one query, the user's subtrees read from
    # Wagtail's permission cache, the agency's trees counted in one query (-3), and the review panel's
    # agencies as one list of ids (+1, instead of a subquery in each of its queries); -1: the agency's
    # site settings (the frame's logo) joined to the user's agencies
    "dashboard": 34,  # the agency's own counts and panels (#19), the dossier and review panels
    # the explorer starting at the agency home (#19); -4 (#18): the frame as the dashboard's, and
    # the delete check of its leaf rows answered from the page (sites.admin_scope); -8 (#18 second
    # pass): wagtail-localize's row buttons from the listing query (core.localize_buttons), the
    # user's subtrees from Wagtail's permission cache, no lookup of the page when it is the home; -2: no
    # lookup of the rows' parent for a "Parent" column the explorer never shows, the frame's logo as above
    # #18 fourth pass: a listing that fits on its page is counted from its rows; -2 (#18, sixth pass): the
    # delete and move checks of live rows with children answered from the page (sites.admin_scope)
    "explorer": 42,
    "page_chooser": 25,  # -6 (#18): the rows' parent, locale, workflow and schedule in 4 queries, not 3 each
    "page_chooser_search": 18,  # a full page of 25 results: 4 queries for the rows, not 4 per row (was 110)
    # -2 (#18): the header's delete and move checks of a leaf page, without a query; -4 (#18 second
    # pass): the page's workflow in one query, "can submit for moderation" asked once per tester; -1:
    # the frame's logo as above; -2 (#18 fourth pass): ``has_workflow`` from the same answer as the
    # "Submit to …" label, wagtail-localize's two action menu items from one query
    "procedure_edit": 38,
}
# The same request again (#18, third pass): the user's permissions (Django's, and Wagtail's page,
# collection and site permissions), profile, agencies, approval-task groups and sidebar are kept
# across requests (core/admin_cache.py) until groups, permissions, agencies or the user change.
# Cold → warm: dashboard -12, explorer -12 (and the request's Site), chooser -8, search -8, edit -11.
WARM_BUDGETS = {
    # #18 fifth pass: the overdue-review panel kept for the day (core.admin_fragments.kept_for_user): its
    # query per reviewed page type.
    "dashboard": 18,
    # #18 fourth pass (core/admin_fragments.py): the explorer's filter drawer (its four choice queries) and
    # the header's breadcrumbs kept, a short listing counted from its rows; the chooser's breadcrumbs kept.
    # -2 (#18, sixth pass): the live rows' delete and move checks, as in BUDGETS.
    "explorer": 25,
    "page_chooser": 16,
    "page_chooser_search": 10,
    # and has_workflow, wagtail-localize's menu items, as in BUDGETS; #18 fifth pass: the rendered form
    # kept while its values are the same (two lookups its widgets made while rendering).
    "procedure_edit": 24,
}
# Wagtail's SQLite search backend reads its FTS table in a query of its own.
if connection.vendor == "sqlite":
    BUDGETS["page_chooser_search"] = 19
    WARM_BUDGETS["page_chooser_search"] += 1
SEARCH_WORD = "thủ tục"


def _next_steps(model, parent, count: int) -> list[str]:
    """Tree paths for ``count`` new children of ``parent`` (treebeard materialised paths)."""
    last = parent.get_last_child()
    first = model._str2int(last.path[-model.steplen :]) + 1 if last else 1
    return [model._get_path(parent.path, parent.depth + 1, first + i) for i in range(count)]


def add_agencies(count: int, start: int = 0) -> None:
    """Agencies shaped like provisioning's (site, home page, collection, group, page and
    collection permissions), written in bulk so the test stays fast."""
    root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    page_type = ContentType.objects.get_for_model(AgencyHomePage)
    locale = root.locale
    slugs = [f"xa-{n:03d}" for n in range(start, start + count)]
    pages = Page.objects.bulk_create(
        Page(
            title=f"Trang thông tin điện tử xã số {n}",
            draft_title=f"Trang thông tin điện tử xã số {n}",
            slug=slug,
            path=path,
            depth=2,
            numchild=0,
            url_path=f"/{slug}/",
            content_type=page_type,
            locale=locale,
            live=True,
        )
        for n, (slug, path) in enumerate(zip(slugs, _next_steps(Page, root, count), strict=True), start=start)
    )
    with connection.cursor() as cursor:
        table = AgencyHomePage._meta.db_table
        for page in pages:
            cursor.execute(f"INSERT INTO {table} (page_ptr_id, intro, body) VALUES (%s, %s, %s)", [page.pk, "", "[]"])  # noqa: S608
    Page.objects.filter(pk=root.pk).update(numchild=root.numchild + count)
    collections = Collection.objects.bulk_create(
        Collection(name=f"Xã số {n}", path=path, depth=2, numchild=0)
        for n, path in enumerate(_next_steps(Collection, root_collection, count), start=start)
    )
    Collection.objects.filter(pk=root_collection.pk).update(numchild=root_collection.numchild + count)
    sites = Site.objects.bulk_create(
        Site(hostname=f"{slug}.hatinh.localhost", port=80, root_page=page, site_name=page.title)
        for slug, page in zip(slugs, pages, strict=True)
    )
    groups = Group.objects.bulk_create(Group(name=f"{slug}: Biên tập viên") for slug in slugs)
    add, change = (
        Permission.objects.get(codename=c, content_type__app_label="wagtailcore") for c in ("add_page", "change_page")
    )
    choose_image = Permission.objects.get(codename="choose_image")
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=g, page=p, permission=perm)
        for g, p in zip(groups, pages, strict=True)
        for perm in (add, change)
    )
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=g, collection=c, permission=choose_image)
        for g, c in zip(groups, collections, strict=True)
    )
    # One moderation workflow per agency, as provisioning makes (Wagtail checks each task per request).
    approval_type = ContentType.objects.get_for_model(GroupApprovalTask)
    for slug, group, page in zip(slugs, groups, pages, strict=True):
        task = GroupApprovalTask.objects.create(name=f"Duyệt nội dung – {slug}", content_type=approval_type)
        task.groups.set([group])
        workflow = Workflow.objects.create(name=f"Kiểm duyệt – {slug}")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=page)
    Agency.objects.bulk_create(
        Agency(
            slug=slug,
            name=f"Ủy ban nhân dân xã số {n}",
            kind=Agency.Kind.COMMUNE,
            hostname=site.hostname,
            site=site,
            home_page=page,
            collection=collection,
            editors_group=group,
        )
        for n, (slug, site, page, collection, group) in enumerate(
            zip(slugs, sites, pages, collections, groups, strict=True), start=start
        )
    )
    Site.clear_site_root_paths_cache()


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def measure(client, url) -> tuple[int, int]:
    """Queries of the cold request, then of the same request again (the user's admin answers kept).

    Cold: Wagtail's site list emptied (as a site change empties it) and the kept
    admin answers stale (as any change of groups, permissions or agencies makes
    them: core/admin_cache.py).
    """
    Site.clear_site_root_paths_cache()
    admin_cache.bump()
    return count_queries(client, url), count_queries(client, url)


def agency_procedures(agency, count: int = 30) -> list:
    """Procedures of the agency, in Wagtail's admin search index (the chooser's search reads it)."""
    pages = make_procedures(agency, count)
    for page in pages:
        index.insert_or_update_object(page)
    return pages


def urls(network, procedure):
    home = network["so-y-te"].home_page
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[home.pk]),
        "page_chooser": reverse("wagtailadmin_choose_page_child", args=[home.pk]),
        "page_chooser_search": reverse("wagtailadmin_choose_page_search") + "?" + urlencode({"q": SEARCH_WORD}),
        "procedure_edit": reverse("wagtailadmin_pages:edit", args=[procedure.pk]),
    }


@pytest.mark.django_db
def test_editor_admin_query_count_does_not_grow_with_sites(client, editor, network):
    procedures = agency_procedures(network["so-y-te"])
    client.force_login(editor)
    targets = urls(network, procedures[0])
    for url in targets.values():  # warm per-process caches (content types, hooks)
        client.get(url)
    add_agencies(10)
    assert Site.objects.count() == 13
    small = {name: measure(client, url) for name, url in targets.items()}

    add_agencies(240, start=10)
    assert Site.objects.count() == 253
    large = {name: measure(client, url) for name, url in targets.items()}

    assert large == small, f"query count grows with the number of sites: {small} -> {large}"
    cold = {name: counts[0] for name, counts in large.items()}
    warm = {name: counts[1] for name, counts in large.items()}
    assert cold == BUDGETS, f"budgets are exact: measured {cold}, documented {BUDGETS}"
    assert warm == WARM_BUDGETS, f"budgets are exact: measured {warm}, documented {WARM_BUDGETS}"


@pytest.mark.django_db
def test_page_chooser_search_lists_parents_and_statuses_of_own_pages_only(client, editor, network):
    """The rows primed in bulk (sites.admin_scope.prime_page_rows) show what Wagtail would show."""
    procedures = agency_procedures(network["so-y-te"], 3)
    agency_procedures(network["so-gtvt"], 2)
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": SEARCH_WORD})
    assert response.status_code == 200
    html = response.content.decode()
    for page in procedures:
        assert page.title in html
    parent = procedures[0].get_parent()
    assert (
        f'href="{reverse("wagtailadmin_choose_page_child", args=[parent.pk])}?" class="navigate-parent">{parent.title}<'
        in html
    )
    assert "Tiếng Việt" in html  # the parent's locale label
    assert html.count("Trạng thái trang hiện tại:</span> đang xuất bản") == 4  # each row (the catalogue page too)
    # Only the editor's own agency: its three procedures and its catalogue page, none of Sở GTVT's.
    assert html.count('class="choose-page"') == 4 and "thu-tuc-so-gtvt" not in html
