"""The feedback form: works without JavaScript, CSRF-protected, rate-limited, never cached.

The pages themselves stay cacheable: they carry only a GET form (“Có” /
“Không”) that leads here; this view renders the form with its CSRF token and
records the answer on POST. With JavaScript (static/feedback/feedback.js) the
same two requests happen in place, without leaving the page.
"""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail.models import Page

from core import ratelimit

from .forms import FeedbackForm
from .models import PageFeedback

#: The page types that ask “Trang này có hữu ích không?”.
FEEDBACK_PAGE_TYPES = {
    "procedures.ProcedurePage",
    "news.NewsArticlePage",
    "home.StandardPage",
    "journeys.JourneyPage",
}
FEEDBACK_APPS = {"sections"}  # every page type of the Decree 42 sections
RATE = (10, 3600)  # answers per client per hour


def asks_feedback(page) -> bool:
    label = page._meta.label
    return label in FEEDBACK_PAGE_TYPES or page._meta.app_label in FEEDBACK_APPS


def _page(value) -> Page | None:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    page = Page.objects.live().filter(pk=pk).select_related("content_type").first()
    if page is None:
        return None
    page = page.specific_deferred
    return page if asks_feedback(page) else None


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@never_cache
@require_http_methods(["GET", "POST"])
def feedback(request):
    if request.method == "GET":
        page = _page(request.GET.get("page"))
        if page is None:
            raise Http404
        if request.GET.get("sent"):
            return render(request, "feedback/thanks.html", {"target": page})
        helpful = request.GET.get("helpful") if request.GET.get("helpful") in ("yes", "no") else None
        form = FeedbackForm(initial={"page": page.pk, "helpful": helpful})
        return render(request, "feedback/form.html", {"form": form, "target": page, "helpful": helpful})

    form = FeedbackForm(request.POST)
    page = _page(request.POST.get("page"))
    if page is None:
        raise Http404
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": form.errors.get_json_data()}, status=400)
        return render(request, "feedback/form.html", {"form": form, "target": page}, status=400)
    if form.cleaned_data["website"]:  # a bot filled the hidden field: thank it, store nothing
        return _done(request, page)
    if not ratelimit.allow(request, "feedback", *RATE):
        message = _("Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau.")
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": message}, status=429)
        return render(request, "feedback/form.html", {"form": form, "target": page, "limited": message}, status=429)
    PageFeedback.objects.create(
        page=page,
        agency_id=page.agency_id if hasattr(page, "agency_id") else None,
        helpful=form.cleaned_data["helpful"] == "yes",
        reasons=",".join(form.cleaned_data["reasons"]) if form.cleaned_data["helpful"] == "no" else "",
        comment=form.cleaned_data["comment"].strip(),
        language=(get_language() or "vi")[:2],
    )
    return _done(request, page)


def _done(request, page):
    if _wants_json(request):
        return JsonResponse(
            {"ok": True, "message": _("Cảm ơn bạn đã góp ý. Ý kiến của bạn giúp chúng tôi cải thiện trang.")}
        )
    return redirect(f"{reverse('feedback:form')}?page={page.pk}&sent=1")
