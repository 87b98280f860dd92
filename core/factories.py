"""The base of every app's page factories (wagtail-factories): pages built live, as an editor publishing them leaves them.

Each feature app has its own ``factories.py`` next to its models; tests, the demo
loader and the bench seeder share them. Page factories name their default parent
factory by string (``factory.SubFactory("home.factories.AgencyHomePageFactory")``),
so that no app imports another. tests/core/test_page_types.py checks that every
page type has one.
"""

from __future__ import annotations

import factory
import wagtail_factories

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page

from .text import fold


def slug_for(text: str, length: int = 50) -> str:
    """An ASCII slug of a Vietnamese title (“Tin tức” → ``tin-tuc``)."""
    return slugify(fold(text))[:length] or "trang"


class TreeRootFactory(factory.django.DjangoModelFactory):
    """The root of the page tree (what a home page stands under); never created, only fetched."""

    class Meta:
        model = Page

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return Page.get_first_root_node()

    _build = _create


class BasePageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and published with a revision.

    Options, passed like fields: ``publish=False`` leaves a draft (a revision, not live);
    ``revision=False`` makes the page live without a revision (fast, for bulk test data).
    """

    title = factory.Sequence(lambda n: f"Trang {n + 1}")
    slug = factory.LazyAttributeSequence(lambda obj, n: f"{slug_for(obj.title, 40)}-{n + 1}")

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        publish = kwargs.pop("publish", True)
        revision = kwargs.pop("revision", True)
        if not publish:
            kwargs["live"] = False
        elif not revision:
            kwargs.setdefault("first_published_at", timezone.now())
            kwargs.setdefault("last_published_at", kwargs["first_published_at"])
        instance = super()._create(model_class, *args, **kwargs)
        instance._factory_publishing = (publish, revision)
        return instance

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("publish", None)
        kwargs.pop("revision", None)
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """Publish once everything (inline children, tags, categories) is in place."""
        if not create:
            return
        publish, revision = getattr(instance, "_factory_publishing", (True, True))
        if revision:
            saved = instance.save_revision()
            if publish:
                saved.publish()
                instance.refresh_from_db()
        elif results:
            instance.save()
