"""What happens when a citizen sends a question or a comment on a draft.

The page's own ``serve`` hands POSTs here. Django's CSRF middleware has
already checked the token; this adds a honeypot field and a per-address rate
limit kept in the cache, and stores what passes as unpublished.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.client import client_ip

from .forms import ConsultationCommentForm, QuestionForm

# Accepted submissions per address and kind, per window (seconds).
RATE_LIMIT = getattr(settings, "SECTIONS_RATE_LIMIT", 5)
RATE_WINDOW = getattr(settings, "SECTIONS_RATE_WINDOW", 3600)


def client_address(request) -> str:
    """The client as the trusted proxies saw it (core.client), not the proxy's own address."""
    return client_ip(request)


def _rate_key(request, scope: str) -> str:
    return f"sections:rate:{scope}:{client_address(request)}"


def is_rate_limited(request, scope: str) -> bool:
    return (cache.get(_rate_key(request, scope)) or 0) >= RATE_LIMIT


def count_submission(request, scope: str) -> None:
    key = _rate_key(request, scope)
    if not cache.add(key, 1, RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, RATE_WINDOW)


def _render(page, request, form, status: int):
    context = page.get_context(request, form=form)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _receive(page, request, form, scope: str, anchor: str):
    if is_rate_limited(request, scope):
        form.is_valid()  # keep what the citizen typed, with its own errors
        form.add_error(None, _("Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau."))
        return _render(page, request, form, status=429)
    if not form.is_valid():
        return _render(page, request, form, status=400)
    count_submission(request, scope)
    if not form.is_spam:
        item = form.save(commit=False)
        item.page = page
        item.save()
    return HttpResponseRedirect(f"{page.get_url(request)}?da-gui=1#{anchor}")


def receive_question(page, request):
    return _receive(page, request, QuestionForm(request.POST), "question", "gui-cau-hoi")


def receive_comment(page, request):
    form = ConsultationCommentForm(request.POST)
    if not page.is_open():
        form.is_valid()
        form.add_error(None, _("Đã hết hạn góp ý cho dự thảo này."))
        return _render(page, request, form, status=403)
    return _receive(page, request, form, "comment", "gop-y")
