"""Central search: the public search index and the query log.

``SearchDocument`` is one row per page of the network, with what the public
search shows and filters on (agency, content type, field, level, locale,
live) next to the text it matches. The vendor-specific search structures
live beside it and are created by migration 0002:

- PostgreSQL: two generated ``tsvector`` columns (``title_vector`` and
  ``search_vector``, title weighted A, body B) built with the ``portal_vi``
  text search configuration (``simple`` + unaccent), and a GIN index;
- SQLite: an FTS5 table ``portal_search_fts`` holding the folded title and
  body under the document's rowid, cleared by a trigger when a document goes.

The rows are written by the database search backend
(``search.backends.database``) when Wagtail indexes a page, so publishing,
unpublishing, moving, deleting and ``manage.py update_index`` keep them current.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        PROCEDURE = "procedure", _("Thủ tục hành chính")
        NEWS = "news", _("Tin tức")
        PAGE = "page", _("Trang thông tin")

    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
        verbose_name=_("trang"),
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+", verbose_name=_("loại trang")
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    live = models.BooleanField(_("đang xuất bản"), default=False)
    path = models.CharField(max_length=255)
    kind = models.CharField(_("loại nội dung"), max_length=16, choices=Kind.choices, default=Kind.PAGE)
    agency = models.ForeignKey(
        "sites.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("cơ quan")
    )
    field = models.ForeignKey(
        "procedures.ProcedureField",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lĩnh vực"),
    )
    level = models.PositiveSmallIntegerField(_("mức độ"), null=True, blank=True)
    code = models.CharField(_("mã"), max_length=64, blank=True)
    title = models.TextField(_("tiêu đề"))
    #: The title's folded words between single spaces, padded: " doi giay phep lai xe ". The
    #: ranking reads it for every title match ("has the exact phrase" is one LIKE, no vector read).
    title_words = models.TextField(blank=True, default="", editable=False)
    body = models.TextField(_("nội dung"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tài liệu tìm kiếm")
        verbose_name_plural = _("tài liệu tìm kiếm")
        indexes = [
            models.Index(fields=["locale", "live", "kind"], name="portal_search_doc_scope"),
            models.Index(fields=["agency"], name="portal_search_doc_agency"),
        ]

    def __str__(self) -> str:
        return self.title


class LoggedQuery(models.Model):
    """A search query as citizens typed it, counted under its folded form."""

    normalized = models.CharField(_("từ khóa (chuẩn hóa)"), max_length=255, unique=True)
    text = models.CharField(_("từ khóa"), max_length=255)
    last_hits = models.PositiveIntegerField(_("số kết quả lần gần nhất"), default=0)
    first_seen = models.DateTimeField(_("lần đầu"), auto_now_add=True)
    last_seen = models.DateTimeField(_("lần gần nhất"), auto_now=True)

    class Meta:
        verbose_name = _("từ khóa tìm kiếm")
        verbose_name_plural = _("từ khóa tìm kiếm")

    def __str__(self) -> str:
        return self.text


class QueryDay(models.Model):
    """Searches, searches without results and result clicks of one query on one day."""

    query = models.ForeignKey(LoggedQuery, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("ngày"))
    searches = models.PositiveIntegerField(_("lượt tìm"), default=0)
    zero_results = models.PositiveIntegerField(_("lượt không có kết quả"), default=0)
    clicks = models.PositiveIntegerField(_("lượt nhấn kết quả"), default=0)

    class Meta:
        verbose_name = _("thống kê tìm kiếm theo ngày")
        verbose_name_plural = _("thống kê tìm kiếm theo ngày")
        constraints = [models.UniqueConstraint(fields=["query", "date"], name="portal_search_queryday_unique")]
        indexes = [models.Index(fields=["date"], name="portal_search_queryday_date")]

    def __str__(self) -> str:
        return f"{self.query_id} {self.date}: {self.searches}"


class ResultClick(models.Model):
    """Which result a query led to, per day, and at which position it was shown."""

    query = models.ForeignKey(LoggedQuery, on_delete=models.CASCADE, related_name="result_clicks")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("ngày"))
    clicks = models.PositiveIntegerField(_("lượt nhấn"), default=0)
    position_total = models.PositiveIntegerField(default=0, help_text="Sum of positions, for the average.")

    class Meta:
        verbose_name = _("lượt nhấn kết quả")
        verbose_name_plural = _("lượt nhấn kết quả")
        constraints = [
            models.UniqueConstraint(fields=["query", "page", "date"], name="portal_search_resultclick_unique")
        ]

    def __str__(self) -> str:
        return f"{self.query_id} → {self.page_id} {self.date}: {self.clicks}"


class PendingIndexUpdate(models.Model):
    """A page whose copy in the search cluster (Elasticsearch or OpenSearch) is out of date.

    Written in the same transaction as the page's ``SearchDocument``, so no change is lost
    while the cluster is down; ``search.mirror.drain`` sends the current document (or its
    removal) and deletes the row once the cluster has taken it. The page id is not a foreign
    key: the removal of a deleted page must still reach the cluster.
    """

    page_id = models.BigIntegerField(_("trang"), primary_key=True)
    queued_at = models.DateTimeField(_("thời điểm đưa vào hàng đợi"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("cập nhật chỉ mục đang chờ")
        verbose_name_plural = _("cập nhật chỉ mục đang chờ")
        indexes = [models.Index(fields=["queued_at"], name="portal_search_pending_queued")]

    def __str__(self) -> str:
        return f"{self.page_id} ({self.attempts})"


class IndexGeneration(models.Model):
    """One row: a stamp that changes whenever ``SearchDocument`` changes (migration 0007's triggers).

    Every insert, update, delete or truncate of the search index, whoever makes
    it (publish, unpublish, move, a deleted page's cascade, ``update_index``,
    the bench seeder), replaces the stamp in the same transaction, so a search
    that reads the stamp before counting can keep the facet distribution it
    counted under that stamp (``search.engines.facetcache``). The stamp is
    random, not a counter: a rolled-back write can never give a stamp that
    another state of the index will have.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    value = models.BigIntegerField(default=0)
    stamp = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = _("thế hệ chỉ mục tìm kiếm")
        verbose_name_plural = _("thế hệ chỉ mục tìm kiếm")

    def __str__(self) -> str:
        return f"{self.value} ({self.stamp})"
