"""The hooks through which feature apps plug into the agency registry.

``sites`` is the ground floor: it imports no other app of the project. What an
agency's site is made of (its home page type, its settings, catalogue and news
pages, the model permissions of its roles, the records that follow it on a
merge) is contributed by the apps above, each in its own ``wagtail_hooks.py``::

    @hooks.register(sites.hooks.PROVISION_AGENCY, order=20)
    def ensure_catalogue(agency): ...

Wagtail imports every app's ``wagtail_hooks`` the first time a hook is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail import hooks

#: ``fn(agency) -> Page model | None``: the page type of the agency's home page (first answer wins).
AGENCY_HOME_PAGE_MODEL = "sites_agency_home_page_model"
#: ``fn(agency) -> bool``: create what the app adds to every site; return whether anything changed.
#: Runs after the home pages, site, collection, groups and workflow exist, in hook order.
PROVISION_AGENCY = "sites_provision_agency"
#: ``fn() -> {role: [(app_label, codename), …]}``: model permissions each agency role gets
#: (roles: ``editors``, ``moderators``, ``officers``).
AGENCY_ROLE_PERMISSIONS = "sites_agency_role_permissions"
#: ``fn(source, target)``: move the app's own records from a merged agency to the one that absorbs it.
MERGE_AGENCY = "sites_merge_agency"
#: ``fn(request, agencies) -> iterable[DashboardTask]``: what waits for the user's action in the app
#: (questions to answer, comments to moderate, dossiers past their due date, pages due for review),
#: listed on the dashboard of the agency's staff; ``agencies`` is a queryset of the user's agencies.
DASHBOARD_TASKS = "sites_dashboard_tasks"
#: ``fn(agencies) -> {agency_pk: [DashboardTask, …]}``: warnings per agency for the provincial
#: administrator's network view (overdue dossiers, unanswered questions).
NETWORK_ALERTS = "sites_network_alerts"


@dataclass(frozen=True)
class DashboardTask:
    """One line of a dashboard: “3 câu hỏi chờ trả lời”, linking to where they are handled."""

    label: str
    count: int
    url: str = ""
    icon: str = "warning"


def dashboard_tasks(request, agencies) -> list[DashboardTask]:
    tasks: list[DashboardTask] = []
    for fn in hooks.get_hooks(DASHBOARD_TASKS):
        tasks.extend(task for task in fn(request, agencies) if task.count)
    return tasks


def network_alerts(agencies) -> dict[int, list[DashboardTask]]:
    alerts: dict[int, list[DashboardTask]] = {}
    for fn in hooks.get_hooks(NETWORK_ALERTS):
        for agency_pk, tasks in fn(agencies).items():
            alerts.setdefault(agency_pk, []).extend(task for task in tasks if task.count)
    return {pk: tasks for pk, tasks in alerts.items() if tasks}


def home_page_model(agency):
    for fn in hooks.get_hooks(AGENCY_HOME_PAGE_MODEL):
        model = fn(agency)
        if model is not None:
            return model
    raise LookupError(f"No app provides a home page type for agency {agency.slug!r}")


def role_permissions(role: str) -> list[tuple[str, str]]:
    codes: list[tuple[str, str]] = [("wagtailadmin", "access_admin")]
    for fn in hooks.get_hooks(AGENCY_ROLE_PERMISSIONS):
        for code in fn().get(role, []):
            if code not in codes:
                codes.append(code)
    return codes


def provision(agency) -> bool:
    changed = False
    for fn in hooks.get_hooks(PROVISION_AGENCY):
        changed |= bool(fn(agency))
    return changed


def merge(source, target) -> None:
    for fn in hooks.get_hooks(MERGE_AGENCY):
        fn(source, target)
