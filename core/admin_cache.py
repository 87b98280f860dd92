"""What every admin view asks about its user, kept across requests (issue #18, target 5).

Before an admin view does its own work, Wagtail and the portal ask the same
things about the signed-in user on every request: Django's permissions (two
queries), the user's page, collection and site permissions (one query each),
the user profile, the user's agencies with their sites and logos, the approval
tasks the user belongs to, and the sidebar, whose menu asks each item whether
it is shown (a few more queries, then ~15 ms of packing). None of it changes
from one request to the next unless an administrator changes groups,
permissions, agencies or the user; so it is kept in the cache:

- **the user's bundle** (``admincache:user:<pk>``): after an admin request, the
  answers Wagtail and the portal left on the user object (``USER_ATTRS`` and the
  names apps add through the ``portal_admin_user_cache_attrs`` hook) are stored;
  the next admin request of that user puts them back on the user object before
  the view runs, so each of those questions is answered without a query, the
  same way Wagtail answers it the second time within one request;
- **the sidebar** (``admincache:sidebar:…``): the ``{% sidebar_props %}`` output
  per user, language, host and explorer start page;
- **the request's Site** (``admincache:site:<host>:<port>``), the answer of
  Wagtail's ``Site.find_for_request`` for the admin's host (a query per request).

Both are valid for one *generation*, a random token (``admincache:gen``) read
with the bundle in one round trip. Any change that could alter an answer bumps
it (``connect_signals``): groups, permissions, group memberships, page, site and
collection permissions, the user (not a login's ``last_login``), the user
profile, agencies, sites, site settings, images (the logo), approval tasks,
locales, and pages created, deleted or moved (the menu's "Forms" item depends on
the form pages a user may see). An administrator's change is therefore seen on
the user's next request. Entries also expire after ``TIMEOUT`` seconds, so a
change made behind Django's back (``QuerySet.update``, SQL) is seen within
five minutes.

On a cold bundle nothing differs from plain Wagtail: the view computes every
answer itself, and the bundle is written afterwards with the generation read
*before* the view ran, so a change made during the request leaves it stale.
"""

from __future__ import annotations

import functools
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils import translation

from .routing import bare_site

GENERATION_KEY = "admincache:gen"
USER_KEY = "admincache:user:{pk}"
SITE_KEY = "admincache:site:{host}:{port}"
SIDEBAR_KEY = "admincache:sidebar:{gen}:{pk}:{lang}:{host}:{root}"
TIMEOUT = 300
ATTRS_HOOK = "portal_admin_user_cache_attrs"
REQUEST_ATTR = "_admin_cache_generation"
#: Bumped by pages and page log entries (``core.admin_fragments``: the explorer's filter drawer).
LISTING_GENERATION_KEY = "admincache:listing"
#: ``(generation, listing generation)`` of the request, on the user object (``core.admin_fragments``).
USER_GENERATIONS_ATTR = "_admin_cache_generations"

#: Answers left on the user object that are plain values (sets, lists, model instances).
USER_ATTRS = (
    # django.contrib.auth.backends.ModelBackend
    "_user_perm_cache",
    "_group_perm_cache",
    "_perm_cache",
    # core.admin_chrome
    "_admin_agencies",
)
#: Wagtail's permission policies cache a queryset on the user; its rows are kept and put back as an
#: evaluated queryset of the same query, so filtering it further still asks the database.
POLICY_CACHES = {
    "_page_permission_cache": ("wagtailcore.GroupPagePermission", ("page", "permission")),
    "_collection_permission_cache": ("wagtailcore.GroupCollectionPermission", ("permission", "collection")),
    "_site_permission_cache": ("wagtailcore.GroupSitePermission", ("permission",)),
}
PROFILE = "wagtail_userprofile"


@functools.cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


@functools.cache
def user_attrs() -> tuple[str, ...]:
    from wagtail import hooks

    return USER_ATTRS + tuple(name for fn in hooks.get_hooks(ATTRS_HOOK) for name in fn())


def bump(**kwargs) -> None:
    """A new generation: every user's bundle and sidebar is stale (a signal receiver)."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)


def on_user_saved(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a login: nothing the admin shows changed
    bump()


@functools.cache
def _page_model():
    from wagtail.models import Page

    return Page


def on_page_saved(sender, instance, created=False, **kwargs) -> None:
    if created and isinstance(instance, _page_model()):
        bump()


def on_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, _page_model()):
        bump()


#: Models whose saves and deletions change an answer kept here.
WATCHED = (
    "auth.Group",
    "auth.Permission",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.GroupSitePermission",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.Collection",
    "wagtailcore.Task",
    "wagtailusers.UserProfile",
    "wagtailimages.Image",
    "core.SiteSettings",
    "sites.Agency",
)


def connect_signals() -> None:
    from django.apps import apps
    from django.contrib.auth import get_user_model

    from wagtail.models import GroupApprovalTask
    from wagtail.signals import post_page_move

    for label in WATCHED:
        model = apps.get_model(label)
        post_save.connect(bump, sender=model, dispatch_uid=f"admincache-save-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"admincache-delete-{label}")
    user_model = get_user_model()
    post_save.connect(on_user_saved, sender=user_model, dispatch_uid="admincache-user-save")
    post_delete.connect(bump, sender=user_model, dispatch_uid="admincache-user-delete")
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        apps.get_model("auth.Group").permissions.through,
        GroupApprovalTask.groups.through,
    ):
        m2m_changed.connect(bump, sender=through, dispatch_uid=f"admincache-m2m-{through._meta.label}")
    # Every page type: a page created or deleted may be a form page (the menu's "Forms").
    post_save.connect(on_page_saved, dispatch_uid="admincache-page-save")
    post_delete.connect(on_deleted, dispatch_uid="admincache-page-delete")
    post_page_move.connect(bump, dispatch_uid="admincache-page-moved")


_INSTALLED = False


# The request ----------------------------------------------------------------------------------


def _unwrap(user):
    """The user object itself, not ``request.user``'s lazy wrapper (whose ``__dict__`` is its own)."""
    return getattr(user, "_wrapped", user)


def _snapshot(user) -> dict:
    """The answers this request left on the user object."""
    found = {}
    for name in user_attrs():
        if name in user.__dict__:
            found[name] = user.__dict__[name]
    for name in POLICY_CACHES:
        queryset = user.__dict__.get(name)
        if queryset is None or getattr(queryset, "_result_cache", None) is None:
            continue
        if queryset.query.is_empty():
            continue  # Wagtail's ``none()`` for superusers and inactive users: asked again, without a query
        found[name] = list(queryset._result_cache)
    if PROFILE in user._state.fields_cache:
        found[PROFILE] = user._state.fields_cache[PROFILE]
    return found


def _restore(user, found: dict) -> None:
    from django.apps import apps

    for name, value in found.items():
        if name == PROFILE:
            user._state.fields_cache[PROFILE] = value
        elif name in POLICY_CACHES:
            label, related = POLICY_CACHES[name]
            queryset = apps.get_model(label).objects.filter(group__user=user).select_related(*related)
            queryset._result_cache = value
            queryset._prefetch_done = True
            user.__dict__[name] = queryset
        else:
            user.__dict__[name] = value


def _new_generation(key: str) -> str:
    """A generation for a key the cache lost (flushed, evicted): one token, whichever process adds it first."""
    generation = secrets.token_hex(8)
    if not cache.add(key, generation, None):
        generation = cache.get(key) or generation
    return generation


class AdminUserCacheMiddleware:
    """Puts the user's kept answers back before an admin view runs; keeps them after (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _INSTALLED or not request.path.startswith(admin_prefix()):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        user = _unwrap(user)
        key = USER_KEY.format(pk=user.pk)
        site_key = SITE_KEY.format(host=request.get_host().lower(), port=request.get_port())
        found = cache.get_many([GENERATION_KEY, LISTING_GENERATION_KEY, key, site_key])
        generation = found.get(GENERATION_KEY) or _new_generation(GENERATION_KEY)
        listing = found.get(LISTING_GENERATION_KEY) or _new_generation(LISTING_GENERATION_KEY)
        setattr(request, REQUEST_ATTR, generation)
        user.__dict__[USER_GENERATIONS_ATTR] = (generation, listing)
        bundle = found.get(key)
        fresh = bundle is not None and bundle.get("gen") == generation
        if fresh:
            _restore(user, bundle["answers"])
        site = found.get(site_key)
        site_fresh = site is not None and site["gen"] == generation
        if site_fresh and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site["site"]  # what Site.find_for_request keeps for the request
        response = self.get_response(request)
        if not fresh and _unwrap(request.user) is user:
            answers = _snapshot(user)
            if answers:
                cache.set(key, {"gen": generation, "answers": answers}, TIMEOUT)
        if not site_fresh and hasattr(request, "_wagtail_site"):
            cache.set(site_key, {"gen": generation, "site": bare_site(request._wagtail_site)}, TIMEOUT)
        return response


# The sidebar --------------------------------------------------------------------------------------


def sidebar_key(request) -> str | None:
    from wagtail.permission_policies.pages import PagePermissionPolicy

    generation = getattr(request, REQUEST_ATTR, None)
    user = _unwrap(getattr(request, "user", None))
    if generation is None or user is None or not user.is_authenticated:
        return None
    root = user.__dict__.get(PagePermissionPolicy._explorable_root_instance_cache_name)
    return SIDEBAR_KEY.format(
        gen=generation,
        pk=user.pk,
        lang=translation.get_language(),
        host=request.get_host(),
        root=getattr(root, "pk", "-"),
    )


def cached_sidebar_props(context, wagtail_sidebar_props):
    """Wagtail's ``{% sidebar_props %}``, kept per user, language, host and explorer start page."""
    request = context.get("request")
    key = sidebar_key(request) if request is not None else None
    if key is None:
        return wagtail_sidebar_props(context)
    html = cache.get(key)
    if html is None:
        html = wagtail_sidebar_props(context)
        cache.set(key, str(html), TIMEOUT)
    from django.utils.safestring import mark_safe

    return mark_safe(html)


# Icons ----------------------------------------------------------------------------------------------

ICON_MEMO_SIZE = 2048


@functools.lru_cache(maxsize=ICON_MEMO_SIZE)
def _icon_html(name, classname, title, wrapped, title_is_safe=False) -> str:
    from django.template.loader import get_template
    from django.utils.safestring import mark_safe

    if title_is_safe:
        title = mark_safe(title)
    context = {"name": name, "classname": classname or "icon", "title": title, "wrapped": wrapped}
    return get_template("wagtailadmin/shared/icon.html").render(context)


def icon(name=None, classname=None, title=None, wrapped=False):
    """Wagtail's ``{% icon %}``, its template rendered once per distinct set of arguments.

    An edit view draws ~170 icons, each an inclusion template rendered anew
    (~6 ms in all). The output depends on the arguments alone (a translated
    title is keyed by its text in the request's language), so it is kept per
    process; the template is Wagtail's (or the project's override), unchanged.
    """
    if not name:
        raise ValueError("You must supply an icon name")
    from django.utils.safestring import SafeData, mark_safe

    safe = isinstance(title, SafeData)
    title = title and str(title)
    return mark_safe(_icon_html(str(name), classname and str(classname), title, bool(wrapped), safe))


def install() -> None:
    """Put the cached ``{% sidebar_props %}`` in Wagtail's tag library and watch what invalidates it."""
    global _INSTALLED
    if _INSTALLED or not getattr(settings, "ADMIN_USER_CACHE", True):
        return
    _INSTALLED = True
    from wagtail.admin.templatetags import wagtailadmin_tags

    wagtail_tag = wagtailadmin_tags.sidebar_props

    def sidebar_props(context):
        return cached_sidebar_props(context, wagtail_tag)

    wagtailadmin_tags.register.simple_tag(takes_context=True, name="sidebar_props")(sidebar_props)
    wagtailadmin_tags.register.simple_tag(name="icon")(icon)
    connect_signals()
