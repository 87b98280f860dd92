"""What must survive a backup and restore, as comparable data: rows, revisions and file bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.forms.models import model_to_dict


def _sha(field_file) -> str:
    with field_file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _tree(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def fingerprint() -> dict:
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page, Revision

    from online_services.models import Dossier, DossierFile, DossierStatusChange
    from security.models import DossierLogEntry

    pages = {}
    for page in Page.objects.order_by("path").specific():
        data = page.serializable_data()
        data.pop("latest_revision_created_at", None)
        pages[str(page.pk)] = {"type": page.specific_class.__name__, "data": data}
    return {
        "pages": pages,
        "revisions": {str(r.pk): r.content for r in Revision.objects.order_by("pk")},
        "documents": {str(d.pk): [d.title, d.file.name, _sha(d.file)] for d in Document.objects.order_by("pk")},
        "images": {str(i.pk): [i.title, i.file.name, _sha(i.file)] for i in Image.objects.order_by("pk")},
        "dossiers": {
            str(d.pk): model_to_dict(d) | {"submitted_at": d.submitted_at.isoformat()}
            for d in Dossier.objects.order_by("pk")
        },
        "dossier_files": {
            str(f.pk): [f.dossier_id, f.original_name, f.file.name, f.size, _sha(f.file)]
            for f in DossierFile.objects.order_by("pk")
        },
        "history": list(DossierStatusChange.objects.order_by("pk").values_list("dossier_id", "to_status")),
        "audit": list(DossierLogEntry.objects.order_by("pk").values_list("object_id", "action")),
        "media": _tree(Path(settings.MEDIA_ROOT)),
        "private_media": _tree(Path(settings.PRIVATE_MEDIA_ROOT)),
    }
