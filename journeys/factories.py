"""Factories of the journeys app's pages."""

from __future__ import annotations

import factory

from core.factories import BasePageFactory

from .models import JourneyIndexPage, JourneyPage


class JourneyIndexPageFactory(BasePageFactory):
    title = "Dịch vụ công liên thông"
    slug = JourneyIndexPage.SLUG
    parent = factory.SubFactory("home.factories.AgencyHomePageFactory")
    intro = "Các thủ tục của nhiều cơ quan cho cùng một sự kiện."

    class Meta:
        model = JourneyIndexPage


class JourneyPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Liên thông thủ tục {n + 1}")
    parent = factory.SubFactory(JourneyIndexPageFactory)
    life_event = "Khai sinh"
    intro = "Các bước liên thông."

    class Meta:
        model = JourneyPage
