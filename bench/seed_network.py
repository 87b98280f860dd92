"""The seeder's network: agencies with their sites and home pages, procedure fields, and each agency's section pages."""

from __future__ import annotations

import uuid
from datetime import timedelta

from bench.treepaths import STEPLEN
from bench.vocabulary import KIND_PLAN, OBJECTS


class NetworkSeeding:
    """Mixed into ``bench.seed.Seeder``: the agencies and the pages every agency has."""

    def make_agencies(self):
        from django.conf import settings

        from wagtail.models import Page, Site

        from home.models import AgencyHomePage, PortalHomePage
        from sites.models import Agency

        if Agency.objects.filter(slug__startswith="bench-").exists():
            raise SystemExit("This database already holds a seeded network (agencies bench-…): use a fresh database.")
        province = Agency.objects.filter(kind="province", parent__isnull=True).first()
        kinds = [kind for kind, count in KIND_PLAN for _ in range(count)]
        specs = []
        for i in range(self.n_agencies):
            number = i + 1
            if province is None and i == 0:
                specs.append(
                    ("province", "bench-tinh", "Ủy ban nhân dân tỉnh (bench)", "Provincial People's Committee")
                )
                continue
            kind = kinds[len(specs) - (province is None)] if len(specs) - (province is None) < len(kinds) else "commune"
            name = {
                "department": f"Sở chuyên ngành số {number}",
                "district": f"Ủy ban nhân dân huyện số {number}",
                "commune": f"Ủy ban nhân dân xã số {number}",
            }[kind]
            specs.append((kind, f"bench-{number:03d}", name, f"Agency {number}"))

        agencies = [
            Agency(
                slug=slug,
                name=name,
                name_en=name_en,
                kind=kind,
                hostname=f"{slug}.bench.localhost",
                parent=None if kind == "province" else province,
            )
            for kind, slug, name, name_en in specs
        ]
        Agency.objects.bulk_create(agencies)
        if province is None:
            province = agencies[0]
            Agency.objects.filter(pk__in=[a.pk for a in agencies[1:]]).update(parent=province)

        # Home pages: Vietnamese and English at depth 2, after the root's existing children.
        root = Page.objects.get(pk=self.root.pk)
        last = Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True).first()
        next_position = (int(last[-STEPLEN:], 36) if last else 0) + 1
        published = self.now - timedelta(days=5 * 365)
        rows = {PortalHomePage: [], AgencyHomePage: []}
        owners = {PortalHomePage: [], AgencyHomePage: []}
        for agency in agencies:
            cls = PortalHomePage if agency.kind == "province" else AgencyHomePage
            key = uuid.uuid4()
            for locale, title in (
                (self.vi, f"Trang thông tin điện tử {agency.name}"),
                (self.en, f"{agency.name_en} — information website"),
            ):
                rows[cls].append(
                    self.page_row(
                        root.path,
                        "/",
                        next_position,
                        title,
                        agency.slug,
                        locale,
                        published,
                        translation_key=key,
                        agency_id=agency.pk,
                        intro=f"<p>Chào mừng bạn đến với {agency.name}.</p>",
                    )
                )
                owners[cls].append((agency, locale))
                next_position += 1
        homes = {}
        for cls, cls_rows in rows.items():
            if cls_rows:
                for page, (agency, locale) in zip(self.insert_pages(cls, cls_rows), owners[cls], strict=True):
                    homes[(agency.pk, locale.pk)] = page
        Page.objects.filter(pk=root.pk).update(numchild=next_position - 1)

        sites = [
            Site(
                hostname=a.hostname,
                port=settings.SITE_PORT,
                site_name=a.name,
                root_page_id=homes[(a.pk, self.vi.pk)].pk,
            )
            for a in agencies
        ]
        Site.objects.bulk_create(sites)
        for agency, site in zip(agencies, sites, strict=True):
            agency.site_id = site.pk
            agency.home_page_id = homes[(agency.pk, self.vi.pk)].pk
        Agency.objects.bulk_update(agencies, ["site", "home_page"])
        Site.clear_site_root_paths_cache()
        self.agencies = agencies
        self.homes = homes
        names = {a.pk: a.name for a in agencies}
        for (agency_id, _locale_id), page in homes.items():
            self.documents.append(
                self.document(page, "page", agency_id, body=f"Chào mừng bạn đến với {names[agency_id]}.")
            )
        self.log(f"  {len(agencies)} agencies, {len(homes)} home pages, {len(sites)} sites")

    def make_fields(self):
        from procedures.factories import ProcedureFieldFactory

        self.fields = {}
        for _obj, field_name in OBJECTS:
            if field_name not in self.fields:
                self.fields[field_name] = ProcedureFieldFactory(name=field_name, locale=self.vi)

    def make_sections(self, model, title, slug, position):
        """One section page per agency (the procedure or news index) under its Vietnamese home."""
        from wagtail.models import Page

        rows = []
        for agency in self.agencies:
            home = self.homes[(agency.pk, self.vi.pk)]
            rows.append(
                self.page_row(
                    home.path,
                    home.url_path,
                    position,
                    title,
                    slug,
                    self.vi,
                    home.first_published_at,
                    agency_id=agency.pk,
                )
            )
        sections = self.insert_pages(model, rows)
        Page.objects.filter(pk__in=[self.homes[(a.pk, self.vi.pk)].pk for a in self.agencies]).update(numchild=position)
        for section in sections:
            self.documents.append(self.document(section, "page", section.agency_id))
        return {section.agency_id: section for section in sections}
