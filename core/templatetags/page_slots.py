"""``{% page_slot "name" %}``: the feature apps' parts of a shared template (core/slots.py)."""

from django import template

from ..slots import render_slot

register = template.Library()


@register.simple_tag(takes_context=True)
def page_slot(context, name: str):
    return render_slot(name, context)
