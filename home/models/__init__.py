"""Portal and agency home pages, standard pages, per-site settings, news and sections.

Split by kind; every model is re-exported here by name.
"""

from .pages import (
    HOME_CHILD_TYPES,
    AgencyHomePage,
    BasePage,
    FooterLink,
    PortalHomePage,
    SiteSettings,
    StandardPage,
    agency_directory,
)

__all__ = [
    "HOME_CHILD_TYPES",
    "AgencyHomePage",
    "BasePage",
    "FooterLink",
    "PortalHomePage",
    "SiteSettings",
    "StandardPage",
    "agency_directory",
]
