"""The agency registry: who owns which site, subtree, collection and groups."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Collection, Page, Site


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def portal(self) -> Agency | None:
        """The provincial agency whose home page is the portal."""
        return self.filter(kind=Agency.Kind.PROVINCE, parent__isnull=True).order_by("pk").first()

    def for_user(self, user):
        """Agencies whose groups the user belongs to (all of them for superusers)."""
        if user.is_superuser:
            return self.all()
        group_ids = user.groups.values_list("pk", flat=True)
        return self.filter(
            models.Q(editors_group__in=group_ids)
            | models.Q(moderators_group__in=group_ids)
            | models.Q(officers_group__in=group_ids)
        ).distinct()


class Agency(models.Model):
    """A state agency (Sở, UBND huyện, UBND xã) and the sub-site it runs."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        DISTRICT = "district", _("Cấp huyện")
        COMMUNE = "commune", _("Cấp xã")

    slug = models.SlugField(_("mã định danh"), max_length=80, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    site_name = models.CharField(
        _("tên trang thông tin"),
        max_length=255,
        blank=True,
        help_text=_("Để trống để dùng “Trang thông tin điện tử” + tên cơ quan."),
    )
    kind = models.CharField(_("cấp"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    hostname = models.CharField(_("tên miền"), max_length=255, unique=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("đã sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_agencies",
    )
    retired_at = models.DateTimeField(_("ngày ngừng hoạt động"), null=True, blank=True)

    # What provisioning creates; never edited by hand.
    site = models.OneToOneField(
        Site, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="agency"
    )
    home_page = models.OneToOneField(
        Page, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    collection = models.OneToOneField(
        Collection, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="agency"
    )
    editors_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    moderators_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    officers_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    KIND_ORDER = [Kind.PROVINCE, Kind.DEPARTMENT, Kind.DISTRICT, Kind.COMMUNE]

    @property
    def display_name(self) -> str:
        """The name in the active language (English falls back to Vietnamese)."""
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    @property
    def default_site_name(self) -> str:
        return self.site_name or f"Trang thông tin điện tử {self.name}"

    @property
    def root_url(self) -> str:
        """The agency site's address, as a citizen's browser reaches it."""
        return root_url_for(self.hostname)


def root_url_for(hostname: str) -> str:
    port = settings.SITE_PORT
    if port == 443:
        return f"https://{hostname}"
    if port == 80:
        return f"http://{hostname}"
    return f"http://{hostname}:{port}"


class AgencyPageMixin(models.Model):
    """Pages that belong to an agency's subtree remember which agency.

    The owner is derived from the page's position in the tree (its depth-2
    ancestor is the agency's home page or a translation of it), stored so that
    listings and search can filter by agency without walking the tree.
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.agency = agency_for_path(self.path) if self.path else None
        super().save(*args, **kwargs)


def agency_for_path(path: str) -> Agency | None:
    """The agency whose home page (in any locale) is the page's depth-2 ancestor."""
    root_path = path[: Page.steplen * 2]
    home = Page.objects.filter(path=root_path).only("translation_key").first()
    if home is None:
        return None
    return Agency.objects.filter(home_page__translation_key=home.translation_key).order_by("pk").first()
