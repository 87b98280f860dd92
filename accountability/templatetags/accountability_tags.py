"""Number formats of the statistics page, in the active language's style (1.234,5 % in Vietnamese)."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value):
    if value is None:
        return "—"
    return f"{number_format(value, 1)} %"


@register.filter
def score(value):
    if value is None:
        return "—"
    return f"{number_format(value, 2)}/5"
