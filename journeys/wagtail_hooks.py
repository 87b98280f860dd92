"""Journeys' part of a procedure page: “Bước 2 của: Khai sinh cho trẻ dưới 6 tuổi”."""

from django.template.loader import render_to_string

from wagtail import hooks

from core.slots import hook_name

from .models import journeys_for_home, journeys_of


@hooks.register(hook_name("procedure_header"))
def procedure_journeys(context) -> str:
    page = context.get("page")
    if page is None or page._meta.label != "procedures.ProcedurePage":
        return ""
    rows = journeys_of(page)
    return render_to_string("journeys/includes/procedure_journeys.html", {"rows": rows}) if rows else ""


@hooks.register(hook_name("home_tasks"), order=20)
def home_journeys(context) -> str:
    """Life-event journeys on a home page: all of them on the portal, those an agency takes part in on its own."""
    page = context.get("page")
    if page is None:
        return ""
    rows = journeys_for_home(page, context.get("agency"))
    return render_to_string("journeys/includes/home_journeys.html", {"journeys": rows}) if rows else ""
