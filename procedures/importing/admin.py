"""The import in the Wagtail admin, for the provincial administrator (superusers).

Upload a file (JSON, JSON Lines, CSV, XLSX, or a .zip holding one of them with
its ``forms/`` folder), read the dry-run report, confirm. The upload waits in
a staging folder under ``PRIVATE_MEDIA_ROOT`` between the two steps; only the
user who uploaded it can confirm it, and staged uploads older than a day are
removed.
"""

from __future__ import annotations

import shutil
import time
import uuid
import zipfile
from pathlib import Path, PurePosixPath

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import ImportFileError, run_import
from .readers import FORMATS

MAX_UPLOAD_BYTES = 100 * 1024 * 1024
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000
STAGING_TTL_SECONDS = 24 * 3600
SESSION_KEY = "procedure_imports"


def staging_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "procedure-imports"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh mục thủ tục"),
        help_text=gettext_lazy(
            "JSON, JSON Lines, CSV hoặc XLSX theo định dạng trao đổi; để kèm mẫu đơn, nén tệp JSON "
            "cùng thư mục forms/ thành một tệp .zip."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.jsonl,.ndjson,.csv,.xlsx,.zip"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in (*FORMATS, ".zip"):
            raise forms.ValidationError(_("Chỉ nhận tệp .json, .jsonl, .csv, .xlsx hoặc .zip."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 100 MB."))
        return upload


def _require_superuser(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def _remove_stale() -> None:
    root = staging_root()
    if not root.is_dir():
        return
    cutoff = time.time() - STAGING_TTL_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def _extract_zip(archive: Path, target: Path) -> Path:
    """Unpack safely (no absolute paths, no “..”, bounded size); return the one data file inside."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = [m for m in bundle.infolist() if not m.is_dir()]
            if len(members) > MAX_ZIP_MEMBERS:
                raise ImportFileError(_("Tệp .zip chứa quá nhiều tệp."))
            if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
                raise ImportFileError(_("Tệp .zip giải nén ra quá 300 MB."))
            for member in members:
                name = PurePosixPath(member.filename)
                if name.is_absolute() or ".." in name.parts or "\\" in member.filename:
                    raise ImportFileError(
                        _("Tệp .zip chứa đường dẫn không an toàn: “%(name)s”.") % {"name": member.filename}
                    )
                destination = target / Path(*name.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                with bundle.open(member) as source, destination.open("wb") as sink:
                    shutil.copyfileobj(source, sink)
    except zipfile.BadZipFile as exc:
        raise ImportFileError(_("Tệp .zip bị hỏng hoặc không phải tệp nén ZIP.")) from exc
    candidates = sorted(
        (p for p in target.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS and not p.name.startswith(".")),
        key=lambda p: (len(p.relative_to(target).parts), str(p)),
    )
    top = [p for p in candidates if len(p.relative_to(target).parts) == len(candidates[0].relative_to(target).parts)]
    if not candidates:
        raise ImportFileError(_("Trong tệp .zip không có tệp .json, .jsonl, .csv hoặc .xlsx."))
    if len(top) > 1:
        raise ImportFileError(_("Trong tệp .zip có nhiều hơn một tệp danh mục; chỉ để một tệp."))
    return top[0]


def _stage(upload) -> tuple[str, Path]:
    token = uuid.uuid4().hex
    folder = staging_root() / token
    folder.mkdir(parents=True, exist_ok=False)
    suffix = Path(upload.name).suffix.lower()
    stored = folder / f"upload{suffix}"
    with stored.open("wb") as sink:
        for chunk in upload.chunks():
            sink.write(chunk)
    data_file = _extract_zip(stored, folder / "files") if suffix == ".zip" else stored
    (folder / "DATAFILE").write_text(str(data_file.relative_to(folder)), encoding="utf-8")
    return token, data_file


def _staged(request, token: str) -> Path:
    if token not in request.session.get(SESSION_KEY, []):
        raise Http404
    folder = staging_root() / token
    marker = folder / "DATAFILE"
    if not marker.is_file():
        raise Http404
    return folder / marker.read_text(encoding="utf-8")


@require_http_methods(["GET", "POST"])
def upload(request):
    _require_superuser(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    token = None
    file_error = None
    if request.method == "POST" and form.is_valid():
        _remove_stale()
        try:
            token, data_file = _stage(form.cleaned_data["file"])
            report = run_import(data_file, dry_run=True)
        except ImportFileError as exc:
            file_error = str(exc)
            if token:
                shutil.rmtree(staging_root() / token, ignore_errors=True)
                token = None
        else:
            request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-9:], token]
    return TemplateResponse(
        request,
        "procedures/admin/import.html",
        {
            "form": form,
            "report": report,
            "token": token,
            "file_error": file_error,
            "filename": form.cleaned_data["file"].name if report is not None else "",
        },
    )


@require_http_methods(["POST"])
def confirm(request, token: str):
    _require_superuser(request)
    data_file = _staged(request, token)
    valid_only = request.POST.get("valid_only") == "1"
    try:
        report = run_import(data_file, valid_only=valid_only)
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("procedures_import:upload")
    finally:
        shutil.rmtree(staging_root() / token, ignore_errors=True)
        request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]
    if report.written:
        messages.success(request, report.summary())
    else:
        messages.error(request, report.summary())
    return TemplateResponse(request, "procedures/admin/import.html", {"form": UploadForm(), "result": report})


def admin_urls():
    from django.urls import include, path

    patterns = (
        [
            path("", upload, name="upload"),
            path("<str:token>/xac-nhan/", confirm, name="confirm"),
        ],
        "procedures_import",
    )
    return [path("thu-tuc/nhap/", include(patterns))]


def upload_url() -> str:
    return reverse("procedures_import:upload")
