"""``{% kept_filter_drawer %}``: Wagtail's explorer filter drawer, kept (``core.admin_fragments``)."""

from django import template
from django.utils.safestring import mark_safe

from core.admin_fragments import installed, render_drawer

register = template.Library()

DRAWER_TEMPLATE = "wagtailadmin/shared/headers/_filters.html"


class KeptFilterDrawerNode(template.Node):
    def render(self, context):
        def wagtails():
            # The template this tag's own overrides: the next one of the same name (as {% extends %} finds it).
            found, _origin = context.template.engine.find_template(DRAWER_TEMPLATE, skip=[self.origin])
            return found.render(context)

        if not installed():
            return wagtails()
        return mark_safe(render_drawer(getattr(context, "request", None), context.get("filters"), wagtails))  # noqa: S308 (Wagtail's rendered template)


@register.tag
def kept_filter_drawer(parser, token):
    return KeptFilterDrawerNode()
