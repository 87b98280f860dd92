"""Admin for what the public sends: questions (Hỏi đáp) and comments on drafts.

Each agency's staff see only their own agency's items. Editors of the agency
write answers; its moderators also edit and publish (or reject) questions and
comments. Taxonomies of the legal documents library are snippets managed by
the provincial administrator. See docs/sections.md.
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from sites import hooks as site_hooks
from sites.models import Agency

from .models import ConsultationComment, DocumentIssuer, DocumentType, Question


def staff_agency_ids(user):
    """Agencies whose editors or moderators the user is one of."""
    return Agency.objects.filter(Q(editors_group__user=user) | Q(moderators_group__user=user)).values("pk")


def moderates(user, agency_id) -> bool:
    if user.is_superuser:
        return True
    return Agency.objects.filter(pk=agency_id, moderators_group__user=user).exists()


def scoped(queryset, user):
    if user.is_superuser:
        return queryset
    return queryset.filter(agency_id__in=staff_agency_ids(user))


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return scoped(super().get_base_queryset(), self.request.user).select_related("agency", "page")


class ScopedInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(scoped(self.model.objects.all(), self.request.user), pk=unquote(str(self.pk)))


class QuestionAdminForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        status = data.get("status", self.instance.status)
        answer = data.get("answer", self.instance.answer)
        if status == Question.Status.PUBLISHED and not (answer or "").strip():
            self.add_error("answer", _("Chỉ công khai được câu hỏi đã có câu trả lời."))
        return data


EDITOR_QUESTION_PANELS = [
    FieldPanel("title", read_only=True),
    FieldPanel("question", read_only=True),
    FieldPanel("status", read_only=True),
    FieldPanel("answer"),
]
MODERATOR_QUESTION_PANELS = [
    FieldPanel("title", help_text=_("Kiểm duyệt viên có thể lược bỏ thông tin cá nhân trước khi công khai.")),
    FieldPanel("question"),
    FieldPanel("answer"),
    FieldPanel("status"),
]


class QuestionEditView(generic.EditView):
    """Editors answer; moderators of the same agency may also redact and publish."""

    def get_object(self, queryset=None):
        return super().get_object(scoped(Question.objects.all(), self.request.user))

    def get_panel(self):
        obj = self.get_object()
        panels = MODERATOR_QUESTION_PANELS if moderates(self.request.user, obj.agency_id) else EDITOR_QUESTION_PANELS
        return ObjectList(panels, base_form_class=QuestionAdminForm).bind_to_model(Question)

    def get_form_class(self):
        # The viewset passes a form_class built from every field; the role decides instead.
        return self.panel.get_form_class()

    def save_instance(self):
        instance = self.form.save(commit=False)
        user = self.request.user
        if "answer" in self.form.changed_data:
            instance.record_answer(user)
        if "status" in self.form.changed_data:
            new_status = instance.status
            instance.status = self.form.initial["status"]
            instance.set_status(new_status, user)
        instance.save()
        return instance


class CitizenSubmissionViewSet(ModelViewSet):
    """What the public sent, scoped to the staff's agencies: listed, inspected and edited, never added."""

    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    inspect_view_enabled = True
    add_view_enabled = False
    copy_view_enabled = False
    list_filter = ["status"]
    search_backend_name = None
    ordering = ["-created_at"]


def submission_columns(first: str, second: Column) -> list:
    """The index columns: what identifies the item, where it belongs, its status and when it was sent."""
    return [first, second, "status", DateColumn("created_at", label=_("ngày gửi"))]


class QuestionViewSet(CitizenSubmissionViewSet):
    model = Question
    icon = "help"
    menu_label = _("Hỏi đáp")
    edit_view_class = QuestionEditView
    list_display = submission_columns("title", Column("agency", label=_("cơ quan")))
    search_fields = ["title", "question", "name"]
    form_fields = ["title", "question", "answer", "status"]
    inspect_view_fields = ["title", "question", "name", "email", "phone", "created_at", "answer", "status"]


class CommentEditView(generic.EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(scoped(ConsultationComment.objects.all(), self.request.user))
        if not moderates(self.request.user, obj.agency_id):
            raise PermissionDenied
        return obj

    def save_instance(self):
        instance = self.form.save(commit=False)
        if "status" in self.form.changed_data:
            from django.utils import timezone

            instance.moderated_by = self.request.user
            if instance.status == ConsultationComment.Status.PUBLISHED and instance.published_at is None:
                instance.published_at = timezone.now()
        instance.save()
        return instance


class ConsultationCommentViewSet(CitizenSubmissionViewSet):
    model = ConsultationComment
    icon = "comment"
    menu_label = _("Góp ý dự thảo")
    edit_view_class = CommentEditView
    list_display = submission_columns("name", Column("page", label=_("dự thảo")))
    search_fields = ["name", "body", "organisation"]
    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("organisation", read_only=True),
        FieldPanel("body"),
        FieldPanel("status"),
    ]
    inspect_view_fields = ["page", "name", "organisation", "email", "body", "status", "created_at"]


class CitizenInteractionGroup(ModelViewSetGroup):
    menu_label = _("Tương tác công dân")
    menu_icon = "group"
    menu_order = 250
    items = (QuestionViewSet("questions"), ConsultationCommentViewSet("consultation-comments"))


@hooks.register("register_admin_viewset")
def register_citizen_interaction():
    return CitizenInteractionGroup()


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "tag"
    list_display = ["name", "name_en", "sort_order"]


class DocumentIssuerViewSet(SnippetViewSet):
    model = DocumentIssuer
    icon = "group"
    list_display = ["name", "name_en", "sort_order"]


register_snippet(DocumentTypeViewSet)
register_snippet(DocumentIssuerViewSet)


@hooks.register(site_hooks.AGENCY_ROLE_PERMISSIONS)
def answer_and_moderate_permissions():
    """Editors answer questions; moderators also publish them and moderate comments."""
    return {
        "editors": [("sections", "change_question"), ("sections", "view_consultationcomment")],
        "moderators": [
            ("sections", "change_question"),
            ("sections", "publish_question"),
            ("sections", "change_consultationcomment"),
        ],
    }


@hooks.register(site_hooks.DASHBOARD_TASKS)
def citizen_items_waiting(request, agencies):
    """On the staff's dashboard: questions without an answer, answers and comments waiting to be published."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    user = request.user
    questions_url = reverse("questions:index")
    comments_url = reverse("consultation-comments:index")
    pending = Question.objects.filter(agency__in=agencies, status=Question.Status.PENDING).count()
    tasks = [
        site_hooks.DashboardTask(
            ngettext("%(count)s câu hỏi chờ trả lời", "%(count)s câu hỏi chờ trả lời", pending) % {"count": pending},
            pending,
            f"{questions_url}?status={Question.Status.PENDING}",
            "help",
        )
    ]
    moderated = agencies.filter(moderators_group__user=user)
    answered = Question.objects.filter(agency__in=moderated, status=Question.Status.ANSWERED).count()
    tasks.append(
        site_hooks.DashboardTask(
            ngettext("%(count)s câu trả lời chờ duyệt", "%(count)s câu trả lời chờ duyệt", answered)
            % {"count": answered},
            answered,
            f"{questions_url}?status={Question.Status.ANSWERED}",
            "help",
        )
    )
    comments = ConsultationComment.objects.filter(agency__in=agencies, status=ConsultationComment.Status.PENDING)
    count = comments.count()
    tasks.append(
        site_hooks.DashboardTask(
            ngettext("%(count)s ý kiến góp ý dự thảo chờ duyệt", "%(count)s ý kiến góp ý dự thảo chờ duyệt", count)
            % {"count": count},
            count,
            f"{comments_url}?status={ConsultationComment.Status.PENDING}",
            "comment",
        )
    )
    return tasks


@hooks.register(site_hooks.NETWORK_ALERTS)
def unanswered_questions(agencies):
    """For the provincial administrator: agencies with questions still unanswered after 15 days."""
    from datetime import timedelta

    from django.db.models import Count
    from django.utils import timezone
    from django.utils.translation import ngettext

    cutoff = timezone.now() - timedelta(days=15)
    rows = (
        Question.objects.filter(agency__in=agencies, status=Question.Status.PENDING, created_at__lt=cutoff)
        .values("agency")
        .annotate(n=Count("pk"))
        .values_list("agency", "n")
    )
    label = "%(count)s câu hỏi quá 15 ngày chưa trả lời"
    return {
        agency: [site_hooks.DashboardTask(ngettext(label, label, n) % {"count": n}, n, "", "help")]
        for agency, n in rows
    }
