"""Open data: the catalogue as read-only JSON, in the interchange format.

``GET /api/procedures/`` lists live procedures (filters: ``field``,
``agency``, ``kind``, ``level``, ``method``; ``sort``; ``page``, ``page_size``
up to 100); ``GET /api/procedures/<code>/`` returns one. Each record is the
interchange record of ``shared/data/procedure-format.md`` with the form
template as an absolute download URL and the page's ``url`` added.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .exporting import catalogue_queryset, english_titles, record_from_page
from .forms import ProcedureFilterForm
from .views import form_download_url

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        response["Cache-Control"] = "public, max-age=300"
    return response


def _records(request, pages) -> list[dict]:
    titles_en = english_titles(pages)

    def form_url(document):
        return request.build_absolute_uri(form_download_url(document))

    records = []
    for page in pages:
        record = record_from_page(page, titles_en.get(page.translation_key, ""), form_url)
        record["url"] = page.get_full_url(request)
        records.append(record)
    return records


@require_GET
def procedure_list(request):
    form = ProcedureFilterForm(request.GET)
    if not form.is_valid():
        errors = {key: [str(message) for message in messages] for key, messages in form.errors.items()}
        return _json({"error": _("Tham số lọc không hợp lệ."), "fields": errors}, status=400)
    try:
        page_size = min(max(int(request.GET.get("page_size", DEFAULT_PAGE_SIZE)), 1), MAX_PAGE_SIZE)
    except ValueError:
        return _json({"error": _("page_size phải là số nguyên.")}, status=400)
    paginator = Paginator(form.filter(catalogue_queryset()), page_size)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        return _json({"error": _("Không có trang kết quả này.")}, status=404)

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return _json(
        {
            "count": paginator.count,
            "page": page.number,
            "num_pages": paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": _records(request, list(page.object_list)),
        }
    )


@require_GET
def procedure_detail(request, code: str):
    page = catalogue_queryset().filter(code=code).first()
    if page is None:
        return _json({"error": _("Không có thủ tục với mã này.")}, status=404)
    return _json(_records(request, [page])[0])
