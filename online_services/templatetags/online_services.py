"""Template tags of the online services."""

from django import template

register = template.Library()


@register.simple_tag
def online_service_for(procedure):
    """The procedure's live online form, or None (one query)."""
    from wagtail.models import Page

    from ..models import OnlineServicePage

    if not isinstance(procedure, Page) or procedure.pk is None:
        return None
    return OnlineServicePage.objects.live().child_of(procedure).first()
