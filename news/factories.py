"""Factories of the news app: categories, news indexes and published articles."""

from __future__ import annotations

import datetime

import factory

from core.factories import BasePageFactory

from .models import NewsArticlePage, NewsCategory, NewsIndexPage


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Chuyên mục {n + 1}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n + 1}")

    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)


class NewsIndexPageFactory(BasePageFactory):
    title = "Tin tức – Sự kiện"
    slug = "tin-tuc"
    intro = "Tin hoạt động của cơ quan."
    parent = factory.SubFactory("home.factories.AgencyHomePageFactory")

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(BasePageFactory):
    """A published article; ``categories=[…]`` and ``tags=[…]`` are set before it is published."""

    title = factory.Sequence(lambda n: f"Tin số {n + 1}")
    date = datetime.date(2026, 3, 2)
    lead = factory.LazyAttribute(lambda obj: f"Sa pô của tin {obj.title}.")
    body = factory.LazyAttribute(lambda obj: [("paragraph", f"<p>Nội dung tin {obj.title}.</p>")])
    parent = factory.SubFactory(NewsIndexPageFactory)

    class Meta:
        model = NewsArticlePage

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.add(*extracted)
