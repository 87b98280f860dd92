"""``{% admin_agency as agency %}``: the agency whose admin the request's user works in (core.admin_chrome)."""

from django import template

from ..admin_chrome import agency_for_user, agency_logo_url, data_uri, initials_svg

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_agency(context):
    request = context.get("request")
    agency = agency_for_user(getattr(request, "user", None)) if request is not None else None
    if agency is None:
        return None
    return {
        "name": agency.name,
        "site_name": agency.default_site_name,
        "url": agency.root_url + "/",
        "logo": agency_logo_url(agency) or data_uri(initials_svg(agency.name.replace("Sở ", ""), agency.slug, 80)),
    }
