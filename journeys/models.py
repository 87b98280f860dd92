"""Life-event journeys: one path across agencies (Decree 63/2024/NĐ-CP, “liên thông”).

A ``JourneyPage`` strings procedures of several agencies into numbered steps;
each step links to its procedure page (with its agency and level) and to its
online form where one exists. The procedures stay where they are, in their
agencies' catalogues; a journey only points at them (by ``"app.Model"``
string: this app imports no other feature app).
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import HOME_PAGE_TYPES, BasePage


class JourneyIndexPage(BasePage):
    """The list of journeys: on the portal, “Dịch vụ công liên thông”."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = HOME_PAGE_TYPES
    subpage_types = ["journeys.JourneyPage"]
    max_count_per_parent = 1

    SLUG = "dich-vu-cong-lien-thong"

    class Meta:
        verbose_name = _("danh sách dịch vụ công liên thông")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["journeys"] = JourneyPage.objects.child_of(self).live().order_by("path")
        return context


class JourneyPage(BasePage):
    """One life event as numbered steps, each a procedure of possibly another agency."""

    life_event = models.CharField(_("sự kiện"), max_length=120, blank=True, help_text=_("Ví dụ: Khai sinh, Khai tử."))
    intro = models.TextField(_("tóm tắt"), blank=True)
    body = RichTextField(_("hướng dẫn chung"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("life_event"),
        FieldPanel("intro"),
        InlinePanel("steps", heading=_("Các bước"), label=_("bước"), min_num=1),
        FieldPanel("body"),
        FieldPanel("legal_basis"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("life_event")]

    parent_page_types = ["journeys.JourneyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("dịch vụ công liên thông")
        verbose_name_plural = _("dịch vụ công liên thông")

    def step_rows(self) -> list[dict]:
        """Each step with its procedure, agency, field and online form: two queries whatever the steps."""
        steps = list(
            self.steps.select_related("procedure", "procedure__agency", "procedure__field").order_by("sort_order")
        )
        procedures = [s.procedure for s in steps if s.procedure is not None and s.procedure.live]
        forms = online_forms(procedures)
        rows = []
        for number, step in enumerate(steps, start=1):
            procedure = step.procedure if step.procedure is not None and step.procedure.live else None
            rows.append(
                {
                    "number": number,
                    "title": step.title or (procedure.title if procedure else ""),
                    "note": step.note,
                    "procedure": procedure,
                    "online_form": forms.get(procedure.pk) if procedure else None,
                }
            )
        return rows

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["steps"] = self.step_rows()
        return context


class JourneyStep(Orderable):
    page = ParentalKey(JourneyPage, related_name="steps", on_delete=models.CASCADE)
    procedure = models.ForeignKey(
        "procedures.ProcedurePage",
        verbose_name=_("thủ tục hành chính"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journey_steps",
    )
    title = models.CharField(_("tên bước"), max_length=255, blank=True, help_text=_("Để trống để dùng tên thủ tục."))
    note = models.TextField(_("ghi chú"), blank=True, help_text=_("Ví dụ: giấy tờ nhận được ở bước trước."))

    panels = [PageChooserPanel("procedure", "procedures.ProcedurePage"), FieldPanel("title"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("bước")


def online_forms(procedures) -> dict[int, Page]:
    """The live online form under each procedure, in one query: ``{procedure pk: form page}``."""
    procedures = [p for p in procedures if p is not None]
    if not procedures:
        return {}
    form_model = apps.get_model("online_services", "OnlineServicePage")
    match = Q()
    for procedure in procedures:
        match |= Q(path__startswith=procedure.path, depth=procedure.depth + 1)
    by_path = {p.path: p.pk for p in procedures}
    found = {}
    for form in form_model.objects.live().filter(match).only("id", "path", "url_path", "title", "depth"):
        found.setdefault(by_path.get(form.path[: -Page.steplen]), form)
    return found


def journeys_of(procedure) -> list[dict]:
    """The live journeys a procedure is a step of, with that step's number, in one query.

    Steps point at the Vietnamese procedure; its English page finds them through
    the translation key, and shows the English journey where there is one.
    """
    before = (
        JourneyStep.objects.filter(page=OuterRef("page"), sort_order__lte=OuterRef("sort_order"))
        .order_by()
        .values("page")
        .annotate(n=Count("pk"))
        .values("n")
    )
    steps = (
        JourneyStep.objects.filter(procedure__translation_key=procedure.translation_key, page__live=True)
        .annotate(number=Subquery(before, output_field=models.IntegerField()))
        .select_related("page")
        .order_by("page__path")
    )
    chosen: dict = {}
    for step in steps:
        key = step.page.translation_key
        if key not in chosen or step.page.locale_id == procedure.locale_id:
            chosen[key] = step
    return [{"journey": s.page, "number": s.number} for s in chosen.values()]


def journeys_for_home(home, agency) -> list[JourneyPage]:
    """The portal lists every journey; an agency's home those with one of its procedures as a step. One query."""
    journeys = JourneyPage.objects.live().filter(locale_id=home.locale_id)
    if agency is not None and not (agency.kind == "province" and agency.parent_id is None):
        keys = JourneyStep.objects.filter(procedure__agency=agency).values("page__translation_key")
        journeys = journeys.filter(translation_key__in=keys)
    return list(journeys.only("id", "title", "url_path", "path", "depth", "locale_id", "intro").order_by("path")[:8])
