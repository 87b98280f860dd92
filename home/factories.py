"""Factories of the home app's pages: the portal's and agencies' home pages, standard pages."""

from __future__ import annotations

import factory

from core.factories import BasePageFactory, TreeRootFactory

from .models import AgencyHomePage, PortalHomePage, StandardPage


class PortalHomePageFactory(BasePageFactory):
    """A portal home page under the tree root (provisioning gives the real one its agency and site)."""

    title = "Cổng thông tin điện tử tỉnh"
    parent = factory.SubFactory(TreeRootFactory)
    intro = "<p>Cổng thông tin điện tử của tỉnh.</p>"

    class Meta:
        model = PortalHomePage


class AgencyHomePageFactory(BasePageFactory):
    """An agency's home page under the tree root (provisioning gives the real one its agency and site)."""

    title = factory.Sequence(lambda n: f"Trang thông tin điện tử cơ quan {n + 1}")
    parent = factory.SubFactory(TreeRootFactory)
    intro = "<p>Trang thông tin điện tử của cơ quan.</p>"

    class Meta:
        model = AgencyHomePage


class StandardPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Giới thiệu {n + 1}")
    parent = factory.SubFactory(AgencyHomePageFactory)
    intro = "Giới thiệu chung về cơ quan."
    body = factory.LazyAttribute(lambda obj: [("paragraph", f"<p>Nội dung trang {obj.title}.</p>")])

    class Meta:
        model = StandardPage
