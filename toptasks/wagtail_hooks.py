"""Top tasks' wiring: the block at the top of every home page, the view beacon on procedure pages."""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

from wagtail import hooks

from core.slots import hook_name

from . import tasks


@hooks.register(hook_name("home_tasks"), order=10)
def top_tasks(context) -> str:
    page = context.get("page")
    if page is None:
        return ""
    data = tasks.context_for(context.get("request"), page, context.get("agency"))
    return render_to_string("toptasks/top_tasks.html", data, request=context.get("request"))


@hooks.register(hook_name("page_end"))
def view_beacon(context) -> str:
    page = context.get("page")
    if page is None or getattr(page, "_meta", None) is None or page._meta.label != "procedures.ProcedurePage":
        return ""
    url = reverse("toptasks:count", args=[page.pk])
    return f'<span hidden data-count-view="{url}"></span><script src="{static("toptasks/count.js")}" defer></script>'
