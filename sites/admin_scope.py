"""Admin listings that plain Wagtail builds over every site of the install.

The page explorer's "Site", "Owner" and "Edited by" filters list every Site,
every page owner and every editor of the network to every editor: hundreds of
checkboxes naming other agencies and their staff. Wagtail builds them from
class-level querysets; django-filter accepts a callable taking the request
instead, so we swap in ones that return only what lies in the user's subtrees.

The page chooser's tables ask each row for its parent, locale, workflow and
schedule, one query each: ``prime_page_rows`` answers them for the whole page.
"""

import secrets
import threading

from django.core.signals import request_finished, request_started
from django.db.models import Q

from wagtail.admin.views.pages.listing import GenericPageFilterSet, PageFilterSet
from wagtail.models import Page, Site


def sites_for_request(request):
    user = getattr(request, "user", None)
    if user is None or user.is_superuser:
        return Site.objects.all()
    from .models import Agency

    return Site.objects.filter(agency__in=Agency.objects.for_user(user))


def page_owners_for_request(request):
    """The "Owner" filter's choices: users owning pages in the user's subtrees, not the whole network's."""
    from django.contrib.auth import get_user_model

    from wagtail.models import Page

    pages = Page.objects.order_by()
    q = user_page_roots_q(request.user) if getattr(request, "user", None) is not None else None
    if q is not None:
        pages = pages.filter(q)
    return get_user_model().objects.filter(pk__in=pages.values_list("owner_id", flat=True).distinct())


def page_editors_for_request(request):
    """The "Edited by" filter's choices: users who edited pages in the user's subtrees."""
    from django.contrib.auth import get_user_model

    from wagtail.models import PageLogEntry

    entries = PageLogEntry.objects.filter(action="wagtail.edit").order_by()
    q = user_page_roots_q(request.user) if getattr(request, "user", None) is not None else None
    if q is not None:
        entries = entries.filter(page__in=Page.objects.filter(q))
    return get_user_model().objects.filter(pk__in=entries.values_list("user_id", flat=True).distinct())


def limit_explorer_site_filter() -> None:
    """The explorer's filters list the user's own sites, page owners and editors, not the network's."""
    scoped = {"site": sites_for_request, "owner": page_owners_for_request, "edited_by": page_editors_for_request}
    for filterset in (PageFilterSet, GenericPageFilterSet):
        for name, queryset in scoped.items():
            field = filterset.base_filters.get(name)
            if field is not None:
                field.queryset = queryset


def prime_page_rows(pages) -> None:
    """Answer, for a whole listing at once, what Wagtail's page chooser asks of each row.

    The chooser's browse and search tables ask each listed page for its parent
    (``ParentPageColumn``), its locale, whether a workflow is in progress and
    whether a publication is scheduled (``PageStatusColumn``): four queries a
    row, about 100 for a page of 25 search results. Wagtail reads precomputed
    answers when they are there (``_parent_page``, ``_cached_parent_obj``,
    ``_current_workflow_states``, ``_approved_schedule``: the explorer's own
    listing annotates them); this sets them with four queries for the page.
    """
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Locale, Page, Revision, WorkflowState

    rows = [page for page in pages if isinstance(page, Page)]
    if not rows:
        return
    locales = None

    def locale_for(page):
        nonlocal locales
        if "locale" not in page._state.fields_cache:
            if locales is None:
                locales = Locale.objects.in_bulk()
            if page.locale_id in locales:
                page.locale = locales[page.locale_id]

    for page in rows:
        locale_for(page)
    orphans = [p for p in rows if p.depth > 1 and getattr(p, "_parent_page", None) is None]
    if orphans:
        paths = {p.path[: -Page.steplen] for p in orphans}
        parents = {parent.path: parent for parent in Page.objects.filter(path__in=paths).select_related("locale")}
        for page in orphans:
            parent = parents.get(page.path[: -Page.steplen])
            if parent is not None:
                page._parent_page = page._cached_parent_obj = parent
    ids = [str(p.pk) for p in rows]
    if any(not hasattr(p, "_current_workflow_states") for p in rows):
        states: dict[str, list] = {}
        for state in (
            WorkflowState.objects.active()
            .filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=ids)
            .select_related("current_task_state__task")
        ):
            states.setdefault(state.object_id, []).append(state)
        for page in rows:
            if not hasattr(page, "_current_workflow_states"):
                page._current_workflow_states = states.get(str(page.pk), [])
    if any(not hasattr(p, "_approved_schedule") for p in rows):
        scheduled = set(
            Revision.page_revisions.filter(object_id__in=ids, approved_go_live_at__isnull=False).values_list(
                "object_id", flat=True
            )
        )
        for page in rows:
            if not hasattr(page, "_approved_schedule"):
                page._approved_schedule = str(page.pk) in scheduled


def batch_page_chooser_rows() -> None:
    """Wagtail's page chooser tables prime their rows (``prime_page_rows``) before rendering."""
    from wagtail.admin.views import chooser

    table_class = chooser.PageChooserTable
    if getattr(table_class, "_rows_primed", False):
        return

    class PrimedPageChooserTable(table_class):
        _rows_primed = True

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            prime_page_rows(self.data)

    chooser.PageChooserTable = PrimedPageChooserTable


#: A small token written with every list this process builds, and removed with the list by Wagtail's
#: ``Site.clear_site_root_paths_cache``: a process whose copy carries the current token uses its copy.
SITE_ROOT_PATHS_TOKEN_KEY = "portal_site_root_paths_token"  # noqa: S105 (a cache key)
_local_site_root_paths: dict = {}
#: The token this thread found current during the request it is serving (never outside a request):
#: Wagtail asks for the list once per page whose URL it builds without the request (the explorer's
#: rows, about 17 times per view), and the token need not be fetched from the cache each time.
_request_scope = threading.local()


class SiteRootPaths(list):
    """The site-root list as Wagtail uses it, with the token it was kept under (for its index)."""

    __slots__ = ("token",)

    def __init__(self, paths, token):
        super().__init__(paths)
        self.token = token


def _request_begins(**kwargs) -> None:
    _request_scope.active, _request_scope.checked = True, None


def _request_ends(**kwargs) -> None:
    _request_scope.active, _request_scope.checked = False, None


def _checked(token) -> None:
    """Remember the token as current until the end of the request (outside a request, ask every time)."""
    if getattr(_request_scope, "active", False):
        _request_scope.checked = token


def get_site_root_paths_in_two_queries():
    """Wagtail's ``Site.get_site_root_paths`` without its query per site, and without unpickling it each time.

    With i18n enabled, Wagtail 8 asks for each site's root-page translations in
    its own query whenever the cached list is cold (every time a Site changes):
    250 queries at province scale, on the first admin or public request that
    needs a URL. This builds the same list, in the same order, from two queries.

    The list (two entries per agency) takes ~2.5 ms to fetch and unpickle at
    250 agencies, and Wagtail fetches it once per request and once more per page
    whose URL is asked without the request (the explorer: four times). Each
    process keeps its own copy with the token it was stored under, and asks the
    cache only for the token (a few bytes); Wagtail's own invalidation (a Site
    saved or deleted, a site root page saved) removes the token with the list.
    """
    from django.conf import settings
    from django.core.cache import cache

    from wagtail.models import Page
    from wagtail.models.sites import (
        SITE_ROOT_PATHS_CACHE_KEY,
        SITE_ROOT_PATHS_CACHE_VERSION,
        SiteRootPath,
    )

    local_token = _local_site_root_paths.get("token")
    if local_token is not None and getattr(_request_scope, "checked", None) == local_token:
        return SiteRootPaths(_local_site_root_paths["paths"], local_token)
    token = cache.get(SITE_ROOT_PATHS_TOKEN_KEY)
    if token is not None and local_token == token:
        _checked(token)
        return SiteRootPaths(_local_site_root_paths["paths"], token)
    result = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if result is not None and token is not None:
        paths = [SiteRootPath(*rp) for rp in result]
        _local_site_root_paths.update(token=token, paths=tuple(paths))
        _checked(token)
        return SiteRootPaths(paths, token)

    sites = list(
        Site.objects.select_related("root_page", "root_page__locale").order_by(
            "-root_page__url_path", "-is_default_site", "hostname"
        )
    )
    translations: dict = {}
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        keys = {site.root_page.translation_key for site in sites}
        for page in (
            Page.objects.filter(translation_key__in=keys)
            .select_related("locale")
            .only("url_path", "path", "translation_key", "locale__language_code")
            .order_by("path")
        ):
            translations.setdefault(page.translation_key, []).append(page)
    result = []
    for site in sites:
        roots = translations.get(site.root_page.translation_key) or [site.root_page]
        result.extend(SiteRootPath(site.id, root.url_path, site.root_url, root.locale.language_code) for root in roots)
    token = secrets.token_hex(8)
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, result, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)
    cache.set(SITE_ROOT_PATHS_TOKEN_KEY, token, 3600)
    _local_site_root_paths.update(token=token, paths=tuple(result))
    return SiteRootPaths(result, token)


def clear_site_root_paths_cache() -> None:
    """Wagtail's ``Site.clear_site_root_paths_cache``, which also removes the processes' token."""
    from django.core.cache import cache

    cache.delete(SITE_ROOT_PATHS_TOKEN_KEY)
    _request_scope.checked = None
    _WAGTAIL["clear_site_root_paths_cache"]()


def _site_root_index(page, cache_object=None) -> tuple:
    """``(paths, index by root path or None, number of sites)``, kept on the object the list is kept on.

    A list this process kept under a token (``SiteRootPaths``) has its index kept
    with the token, so pages asking without the request do not build it again.
    """
    holder = cache_object if cache_object else page
    paths = page._get_site_root_paths(cache_object)
    memo = getattr(holder, "_portal_site_root_index", None)
    if memo is None or memo[0] is not paths:
        token = getattr(paths, "token", None)
        shared = _local_site_root_paths.get("index")
        if token is not None and shared is not None and shared[0] == token:
            memo = (paths, shared[1], shared[2])
        else:
            index: dict | None = {}
            for position, root_path in enumerate(paths):
                index.setdefault(root_path.root_path, []).append((position, root_path))
            if any(not path.endswith("/") for path in index):
                index = None  # not a URL path Wagtail makes: its own test answers
            memo = (paths, index, len({root_path[0] for root_path in paths}))
            if token is not None:
                _local_site_root_paths["index"] = (token, index, memo[2])
        holder._portal_site_root_index = memo
    return memo


def page_get_url(self, request=None, current_site=None):
    """Wagtail's ``Page.get_url``, counting the network's sites once per request, not once per URL.

    Wagtail counts the distinct sites of the whole site-root list (500 entries
    at province scale) each time it builds a URL, to tell whether a relative URL
    is enough; the count is kept with the list (``_site_root_index``). The rest
    is Wagtail 8.0's method, line for line.
    """
    if current_site is None and request is not None:
        current_site = Site.find_for_request(request)
    url_parts = self.get_url_parts(request=request)
    if url_parts is None or url_parts[1] is None and url_parts[2] is None:
        return None  # not routable
    site_id, root_url, page_path = url_parts
    if current_site is not None and site_id == current_site.id:
        return page_path
    if _site_root_index(self, request)[2] == 1:
        return page_path
    return root_url + page_path


def relevant_site_root_paths(self, cache_object=None):
    """Wagtail's ``Page._get_relevant_site_root_paths`` without testing every site of the network.

    Wagtail tests each of the network's site root paths (two per agency) against
    the page's URL path, for every URL it builds: a page chooser listing 25
    search results builds 50 URLs, 25,000 ``startswith`` at 250 agencies. A
    root path that is a prefix of the page's URL path ends at one of its
    slashes, so the candidates are looked up by those prefixes in an index of
    the list, kept with the list on the same object (the request); the answer is
    Wagtail's, in the list's order.
    """
    index = _site_root_index(self, cache_object)[1]
    if index is None:
        return _WAGTAIL["_get_relevant_site_root_paths"](self, cache_object)
    url_path = self.url_path
    found = []
    slash = url_path.find("/")
    while slash != -1:
        found.extend(index.get(url_path[: slash + 1], ()))
        slash = url_path.find("/", slash + 1)
    found.sort(key=lambda pair: pair[0])
    return tuple(root_path for _position, root_path in found)


def batch_site_root_paths() -> None:
    Site.get_site_root_paths = staticmethod(get_site_root_paths_in_two_queries)
    _replace(Page, "_get_relevant_site_root_paths", relevant_site_root_paths)
    _replace(Page, "get_url", page_get_url)
    Page.url = property(page_get_url)
    if "clear_site_root_paths_cache" not in _WAGTAIL:
        _WAGTAIL["clear_site_root_paths_cache"] = Site.clear_site_root_paths_cache
        Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)
    request_started.connect(_request_begins, dispatch_uid="portal_site_root_paths_started")
    request_finished.connect(_request_ends, dispatch_uid="portal_site_root_paths_finished")


def user_in_approval_task_groups(self, user) -> bool:
    """``GroupApprovalTask._user_in_groups`` answered for every task in one query.

    Wagtail's dashboard (``TaskState.objects.reviewable_by``) and page editor ask
    each active approval task whether the user is in its groups, one query per
    task. Every agency has its own moderation task, so at province scale that is
    ~250 queries per dashboard view. The answer for all tasks is one query: the
    ids of the tasks whose groups include one of the user's groups. It is cached
    on the user object for the request, as Wagtail caches its per-task answer.
    """
    from wagtail.models import GroupApprovalTask

    member_of = getattr(user, "_approval_task_memberships", None)
    if member_of is None:
        member_of = set(
            GroupApprovalTask.groups.through.objects.filter(group__in=user.groups.all()).values_list(
                "groupapprovaltask_id", flat=True
            )
        )
        user._approval_task_memberships = member_of
    return self.pk in member_of


def batch_group_approval_checks() -> None:
    from wagtail.models import GroupApprovalTask

    GroupApprovalTask._user_in_groups = user_in_approval_task_groups


def reviewable_task_states(self, user):
    """``TaskState.objects.reviewable_by`` without instantiating every task of the network.

    Wagtail loads every active task (one approval task per agency: 250 at
    province scale), asks each whether the user may moderate it and unions 250
    querysets, on every dashboard view: CPU that grows with the network. Group
    approval tasks are answered here by one subquery (the active ones whose
    groups include one of the user's); tasks of any other type still answer
    for themselves, as in Wagtail.
    """
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import GroupApprovalTask, Task, TaskState

    if user.is_superuser:
        return _WAGTAIL["reviewable_by"](self, user)
    group_type = ContentType.objects.get_for_model(GroupApprovalTask)
    own = GroupApprovalTask.objects.filter(active=True, groups__in=user.groups.all()).values("pk")
    states = TaskState.objects.filter(task__in=own, status=TaskState.STATUS_IN_PROGRESS)
    for task in Task.objects.filter(active=True).exclude(content_type=group_type).specific():
        states = states | task.get_task_states_user_can_moderate(user=user)
    return states


#: Wagtail's own methods that a patch below falls back to, by the name they were replaced under.
_WAGTAIL = {}


def _replace(owner, name: str, replacement) -> None:
    """Put ``replacement`` in place of ``owner.name`` once; Wagtail's own stays in ``_WAGTAIL[name]``."""
    if name not in _WAGTAIL:
        _WAGTAIL[name] = getattr(owner, name)
        setattr(owner, name, replacement)


def batch_reviewable_task_states() -> None:
    from wagtail.models.workflows import BaseTaskStateManager

    _replace(BaseTaskStateManager, "reviewable_by", reviewable_task_states)


def can_delete_from_the_page(self, ignore_bulk=False):
    """``PagePermissionTester.can_delete`` answered from the page itself when it has no children or is live.

    An editor without publish rights may delete a page only if nothing in its
    subtree is live; Wagtail asks the database (``get_descendants(inclusive=True)
    .live().exists()``) for every page, twice per row of the explorer (the
    delete and move buttons): 100 queries for a listing of 50 news articles. A
    leaf's subtree is the page itself, so the answer is ``not page.live``; a
    live page is in its own (inclusive) subtree, so a live page with children
    is refused too (Wagtail refuses it at the bulk-delete check or at the
    query; ``can_move`` asks with ``ignore_bulk``). Only a page that is not live
    and has children goes to Wagtail's own method, as does anyone else.
    """
    page = self.page
    if (
        self.user.is_active
        and not self.user.is_superuser
        and not self.page_is_root
        and (page.numchild == 0 or page.live)
        and "change" in self.permissions
        and "publish" not in self.permissions
    ):
        return not page.live
    return _WAGTAIL["can_delete"](self, ignore_bulk)


def answer_delete_checks_from_the_page() -> None:
    from wagtail.models import PagePermissionTester

    _replace(PagePermissionTester, "can_delete", can_delete_from_the_page)


def nearest_workflow(self):
    """``Page.get_workflow`` in one query: the active workflow of the page or of its nearest ancestor.

    Wagtail asks for the page's own ``workflowpage``, then for its ancestors with
    an active workflow, then for that ancestor's ``workflowpage`` and its
    workflow: four queries on every edit view (the "Submit to …" label), where
    every agency's workflow is set on its home page. The deepest of the page and
    its ancestors holding an active workflow is the same answer.
    """
    from django.conf import settings

    from wagtail.models import Workflow

    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return None
    return (
        Workflow.objects.filter(active=True, workflow_pages__page__in=self.get_ancestors(inclusive=True))
        .order_by("-workflow_pages__page__depth")
        .first()
    )


def has_workflow_from_nearest(self) -> bool:
    """``Page.has_workflow``: whether ``get_workflow`` finds one (both ask for an active workflow on the page
    or an ancestor). The edit view asks both (the action menu's permission check, its "Submit to …"
    label): the answer is kept on the page object for the two, one query instead of two."""
    from django.conf import settings

    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return False
    if "_portal_workflow" not in self.__dict__:
        self.__dict__["_portal_workflow"] = self.get_workflow()
    return self.__dict__["_portal_workflow"] is not None


def kept_nearest_workflow(self):
    """``nearest_workflow``, reusing the answer ``has_workflow`` kept on the same page object."""
    if "_portal_workflow" in self.__dict__:
        return self.__dict__["_portal_workflow"]
    return nearest_workflow(self)


def batch_workflow_lookup() -> None:
    from wagtail.models import Page

    _replace(Page, "get_workflow", kept_nearest_workflow)
    _replace(Page, "has_workflow", property(has_workflow_from_nearest))


def can_submit_for_moderation_once(self):
    """``PagePermissionTester.can_submit_for_moderation``, asked once per tester.

    The edit view's action menu asks it for two items ("Submit for moderation",
    "Restart workflow") on the same tester, each time with a query for
    ``page.has_workflow``. A tester lives for one request (a view, a menu).
    """
    cached = self.__dict__.get("_can_submit_for_moderation")
    if cached is None:
        cached = self.__dict__["_can_submit_for_moderation"] = _WAGTAIL["can_submit_for_moderation"](self)
    return cached


def batch_moderation_checks() -> None:
    from wagtail.models import PagePermissionTester

    _replace(PagePermissionTester, "can_submit_for_moderation", can_submit_for_moderation_once)


def explorer_without_parent_column(self, **kwargs):
    """The explorer view, without the "Parent" column its table never shows.

    ``ExplorableIndexView`` drops the "parent" column from its table (every row
    is a child of the page explored) but keeps it in ``columns`` (the page
    viewset passes them in), so Wagtail's ``PageListingMixin.get_context_data``
    still looks up every row's parent: two queries (the parent, then its
    specific page) on every explorer view, and again when searching (the view
    annotates the search results itself).
    """
    _WAGTAIL["ExplorableIndexView.__init__"](self, **kwargs)
    self.columns = [column for column in self.columns if column.name != "parent"]


def skip_explorer_parent_lookup() -> None:
    from wagtail.admin.views.pages.listing import ExplorableIndexView

    if "ExplorableIndexView.__init__" not in _WAGTAIL:
        _WAGTAIL["ExplorableIndexView.__init__"] = ExplorableIndexView.__init__
        ExplorableIndexView.__init__ = explorer_without_parent_column
        _WAGTAIL["ExplorableIndexView.paginator_class"] = ExplorableIndexView.paginator_class
        ExplorableIndexView.paginator_class = first_page_counting_paginator(ExplorableIndexView.paginator_class)


def first_page_counting_paginator(base):
    """Wagtail's paginator, counting a listing that fits on its first page from its rows.

    The explorer counts its rows (``SELECT COUNT(*)`` over the listing's
    permission subquery, ~4 ms with its compilation) before it fetches the first
    page, even when the folder holds three pages. For page 1, this fetches one
    row more than the page holds (``per_page + orphans + 1``): if fewer come
    back, they are the whole listing and their number is the count; otherwise
    the first ``per_page`` of them are page 1 and the count is asked as before.
    Other pages are Wagtail's.
    """
    from django.db.models import QuerySet

    class FirstPageCountingPaginator(base):
        def get_page(self, number):
            if str(number or "1") != "1" or not isinstance(self.object_list, QuerySet) or "count" in self.__dict__:
                return super().get_page(number)
            limit = self.per_page + self.orphans
            rows = list(self.object_list[: limit + 1])
            if len(rows) <= limit:
                self.__dict__["count"] = len(rows)  # Paginator.count is a cached_property
            else:
                rows = rows[: self.per_page]
            return self._get_page(rows, self.validate_number(1), self)

    FirstPageCountingPaginator.__qualname__ = FirstPageCountingPaginator.__name__ = f"FirstPageCounting{base.__name__}"
    return FirstPageCountingPaginator


def user_page_permissions(user) -> list:
    """The user's ``GroupPagePermission`` rows (page and permission joined), as Wagtail caches them for the request.

    Wagtail's page permission policy reads them once per request and keeps them on
    the user object (the sidebar, the explorer and the edit view all ask it), so
    reading the roots of the user's subtrees from there costs no query of its own.
    """
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return list(PagePermissionPolicy().get_cached_permissions_for_user(user))


def user_page_roots_q(user) -> Q | None:
    """A filter for the pages under the subtrees the user was granted; None if unrestricted."""
    if user.is_superuser:
        return None
    cached = getattr(user, "_agency_page_roots_q", None)
    if cached is not None:
        return cached
    paths = sorted({perm.page.path for perm in user_page_permissions(user)})
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path)
    user._agency_page_roots_q = q
    return q


def user_home_pages(user) -> list:
    """The home pages (every locale) of the agencies whose page permissions the user holds, by path.

    Agency groups are granted their permissions on the agency's home page and on
    its translations (``provisioning._ensure_groups``), so these are the roots of
    what the user may edit. Read from Wagtail's per-request permission cache; one
    query for their locales. Cached on the user object for the request.
    """
    cached = getattr(user, "_agency_home_pages", None)
    if cached is not None:
        return cached
    from copy import copy

    from wagtail.models import Locale

    homes = {}
    for perm in user_page_permissions(user):
        if perm.page.depth == 2 and perm.page_id not in homes:
            homes[perm.page_id] = copy(perm.page)
    homes = sorted(homes.values(), key=lambda page: page.path)
    if homes:
        locales = Locale.objects.in_bulk({page.locale_id for page in homes})
        for page in homes:
            page.locale = locales[page.locale_id]
    user._agency_home_pages = homes
    return homes


def preferred_language(user) -> str:
    from django.conf import settings

    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
    return language.split("-")[0]


def explorer_root_for(user, page_id: int | None = None):
    """Where an agency editor's explorer stands: their agency's home in the tree being viewed.

    Plain Wagtail starts the explorer (and the dashboard's page count) at the
    first common ancestor of the pages a user may edit. An agency's groups hold
    permissions on its Vietnamese and its English home, siblings under the tree
    root, so that ancestor is "Root": the editor lands on it, sees Wagtail's
    warning that pages created there have no URL, and the dashboard counts the
    whole network. Here the start is the home in the editor's language, or, when
    the address names a page of the English tree, the English home, so both
    trees stay reachable (the explorer's locale switch moves between them).
    None for superusers and users without page permissions: Wagtail decides.
    """
    if user.is_superuser:
        return None
    homes = user_home_pages(user)
    if not homes:
        return None
    if page_id is not None:
        from wagtail.models import Page

        home = next((home for home in homes if home.pk == page_id), None)
        if home is not None:
            return home
        path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
        if path:
            for home in homes:
                if path.startswith(home.path):
                    return home
    language = preferred_language(user)
    return next((home for home in homes if home.locale.language_code == language), homes[0])


#: URL names of the page views whose page decides which tree the explorer shows.
PAGE_ID_KWARGS = ("parent_page_id", "page_id", "pk")


def prime_explorable_root(request, url_name: str = "", namespaces=(), kwargs=None) -> None:
    """Answer Wagtail's ``explorable_root_instance`` for this request before the view asks it.

    Called from ``AgencyExplorerMiddleware.process_view`` with the URL Django has
    already resolved (no second resolve).
    """
    from wagtail.permission_policies.pages import PagePermissionPolicy

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_superuser:
        return
    page_id = None
    if url_name and (url_name.startswith("wagtailadmin_explore") or "pages" in namespaces):
        for name in PAGE_ID_KWARGS:
            if str((kwargs or {}).get(name, "")).isdigit():
                page_id = int(kwargs[name])
                break
    root = explorer_root_for(user, page_id)
    if root is not None:
        setattr(user, PagePermissionPolicy._explorable_root_instance_cache_name, root)
