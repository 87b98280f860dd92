"""Admin listings that plain Wagtail builds over every site of the install.

The page explorer's "Site" filter lists every Site to every editor: 250
checkboxes naming other agencies. Wagtail builds it from a class-level
queryset; django-filter accepts a callable taking the request instead, so we
swap in one that returns only the user's own sites.
"""

from django.db.models import Q

from wagtail.admin.views.pages.listing import GenericPageFilterSet, PageFilterSet
from wagtail.models import GroupPagePermission, Site


def sites_for_request(request):
    user = getattr(request, "user", None)
    if user is None or user.is_superuser:
        return Site.objects.all()
    from .models import Agency

    return Site.objects.filter(agency__in=Agency.objects.for_user(user))


def limit_explorer_site_filter() -> None:
    for filterset in (PageFilterSet, GenericPageFilterSet):
        site_filter = filterset.base_filters.get("site")
        if site_filter is not None:
            site_filter.queryset = sites_for_request


def get_site_root_paths_in_two_queries():
    """Wagtail's ``Site.get_site_root_paths`` without its query per site.

    With i18n enabled, Wagtail 8 asks for each site's root-page translations in
    its own query whenever the cached list is cold (every time a Site changes):
    250 queries at province scale, on the first admin or public request that
    needs a URL. This builds the same list, in the same order, from two queries.
    """
    from django.conf import settings
    from django.core.cache import cache

    from wagtail.models import Page
    from wagtail.models.sites import (
        SITE_ROOT_PATHS_CACHE_KEY,
        SITE_ROOT_PATHS_CACHE_VERSION,
        SiteRootPath,
    )

    result = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if result is not None:
        return [SiteRootPath(*rp) for rp in result]

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
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, result, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)
    return result


def batch_site_root_paths() -> None:
    Site.get_site_root_paths = staticmethod(get_site_root_paths_in_two_queries)


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


def user_page_roots_q(user) -> Q | None:
    """A filter for the pages under the subtrees the user was granted; None if unrestricted."""
    if user.is_superuser:
        return None
    cached = getattr(user, "_agency_page_roots_q", None)
    if cached is not None:
        return cached
    paths = set(GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True).distinct())
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path)
    user._agency_page_roots_q = q
    return q


def user_home_pages(user) -> list:
    """The home pages (every locale) of the agencies whose page permissions the user holds, by path.

    Agency groups are granted their permissions on the agency's home page and on
    its translations (``provisioning._ensure_groups``), so these are the roots of
    what the user may edit. Cached on the user object for the request.
    """
    cached = getattr(user, "_agency_home_pages", None)
    if cached is not None:
        return cached
    from wagtail.models import Page

    ids = GroupPagePermission.objects.filter(group__user=user).values_list("page_id", flat=True)
    homes = list(Page.objects.filter(pk__in=ids, depth=2).select_related("locale").order_by("path"))
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

        path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
        if path:
            for home in homes:
                if path.startswith(home.path):
                    return home
    language = preferred_language(user)
    return next((home for home in homes if home.locale.language_code == language), homes[0])


#: URL names of the page views whose page decides which tree the explorer shows.
PAGE_ID_KWARGS = ("parent_page_id", "page_id", "pk")


def prime_explorable_root(request) -> None:
    """Answer Wagtail's ``explorable_root_instance`` for this request before any view asks it."""
    from django.urls import Resolver404, resolve

    from wagtail.permission_policies.pages import PagePermissionPolicy

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_superuser:
        return
    page_id = None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return
    if match.url_name and (match.url_name.startswith("wagtailadmin_explore") or "pages" in match.namespaces):
        for name in PAGE_ID_KWARGS:
            if str(match.kwargs.get(name, "")).isdigit():
                page_id = int(match.kwargs[name])
                break
    root = explorer_root_for(user, page_id)
    if root is not None:
        setattr(user, PagePermissionPolicy._explorable_root_instance_cache_name, root)
