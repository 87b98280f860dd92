"""The feedback report: each agency sees its own pages' answers, the pages with most “no” answers on top."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, render
from django.urls import path

from wagtail.models import Page

from sites.models import Agency

from .models import PageFeedback

PERMISSION = "feedback.view_pagefeedback"


def can_view(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


def scoped(user):
    qs = PageFeedback.objects.all()
    return qs if user.is_superuser else qs.filter(agency__in=Agency.objects.for_user(user))


def index(request):
    if not can_view(request.user):
        raise PermissionDenied
    rows = (
        scoped(request.user)
        .values("page_id", "page__title", "agency__name")
        .annotate(
            no=Count("pk", filter=Q(helpful=False)),
            yes=Count("pk", filter=Q(helpful=True)),
            comments=Count("pk", filter=~Q(comment="")),
            latest=Max("created_at"),
        )
        .order_by("-no", "-latest")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    return render(request, "feedback/admin/index.html", {"rows": page, "page_obj": page})


def detail(request, page_id: int):
    if not can_view(request.user):
        raise PermissionDenied
    answers = scoped(request.user).filter(page_id=page_id)
    if not answers.exists():
        raise PermissionDenied
    target = get_object_or_404(Page, pk=page_id)
    page = Paginator(answers.order_by("helpful", "-created_at"), 100).get_page(request.GET.get("p"))
    return render(request, "feedback/admin/detail.html", {"target": target, "answers": page, "page_obj": page})


urlpatterns = (
    [path("", index, name="index"), path("<int:page_id>/", detail, name="detail")],
    "feedback_admin",
)
