"""Home's part of every agency site: the page type of its home page."""

from wagtail import hooks

from sites import hooks as site_hooks

from .models import AgencyHomePage, PortalHomePage


@hooks.register(site_hooks.AGENCY_HOME_PAGE_MODEL)
def agency_home_page_model(agency):
    """The portal's home for the province at the top of the tree, an agency home for everyone else."""
    return PortalHomePage if agency.kind == agency.Kind.PROVINCE and agency.parent_id is None else AgencyHomePage
