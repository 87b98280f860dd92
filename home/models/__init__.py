"""Portal and agency home pages, standard pages, per-site settings, news and sections.

Split by kind; every model is re-exported here by name.
"""

from .news import (
    NewsArticlePage,
    NewsArticleTag,
    NewsCategory,
    NewsIndexPage,
    PortalFeature,
    featured_news,
    network_news,
    portal_agency,
)
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
    "NewsArticlePage",
    "NewsArticleTag",
    "NewsCategory",
    "NewsIndexPage",
    "PortalFeature",
    "featured_news",
    "network_news",
    "portal_agency",
    "HOME_CHILD_TYPES",
    "AgencyHomePage",
    "BasePage",
    "FooterLink",
    "PortalHomePage",
    "SiteSettings",
    "StandardPage",
    "agency_directory",
]
