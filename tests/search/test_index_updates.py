"""The index follows the page tree: publish, unpublish, move, delete, and a full rebuild."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import Locale

from procedures.models import ProcedureIndexPage
from search.engines import DatabaseEngine, SearchFilters
from search.models import SearchDocument

DRIVING_LICENCE = "HT-GTVT-001"


def hit_ids(query, **filters):
    vi = Locale.objects.get(language_code="vi")
    return [doc.page_id for doc in DatabaseEngine().search(query, vi.pk, SearchFilters(**filters), limit=50).hits]


def test_unpublishing_removes_a_procedure_at_once_and_publishing_brings_it_back(sample_procedures):
    page = sample_procedures[DRIVING_LICENCE]
    assert hit_ids("doi giay phep lai xe")[0] == page.pk
    page.unpublish()
    assert page.pk not in hit_ids("doi giay phep lai xe")
    page.refresh_from_db()
    page.save_revision().publish()
    assert hit_ids("doi giay phep lai xe")[0] == page.pk


def test_editing_and_publishing_reindexes_the_new_text(sample_procedures):
    page = sample_procedures["HT-YT-001"].specific
    page.title = "Cấp lại Chứng chỉ hành nghề dược bị mất"
    page.save_revision().publish()
    assert page.pk in hit_ids("cap lai chung chi bi mat")


def test_deleting_a_page_removes_its_document(sample_procedures):
    page = sample_procedures[DRIVING_LICENCE]
    page.delete()
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()
    assert hit_ids("doi giay phep lai xe") == [] or page.pk not in hit_ids("doi giay phep lai xe")


def test_moving_pages_moves_their_documents_to_the_new_agency(network, sample_procedures):
    from wagtail.models import Page

    from home.models import StandardPage

    # A procedure moved to another agency's catalogue.
    page = sample_procedures[DRIVING_LICENCE]
    health_index = sample_procedures["HT-YT-001"].get_parent().specific
    assert isinstance(health_index, ProcedureIndexPage)
    page.move(health_index, pos="last-child")
    document = SearchDocument.objects.get(page_id=page.pk)
    assert document.agency_id == network["so-y-te"].pk
    assert hit_ids("doi giay phep lai xe", agency_id=network["so-y-te"].pk)[0] == page.pk
    assert hit_ids("doi giay phep lai xe", agency_id=network["so-gtvt"].pk) == []

    # A section with a child page: the child's document follows (its path changed without a save).
    transport_home = Page.objects.get(pk=network["so-gtvt"].home_page_id)
    section = transport_home.add_child(instance=StandardPage(title="Tin chuyên ngành", slug="chuyen-nganh", live=True))
    child = section.add_child(instance=StandardPage(title="Bến xe khách liên tỉnh", slug="ben-xe", live=True))
    assert SearchDocument.objects.get(page_id=child.pk).agency_id == network["so-gtvt"].pk
    health_home = Page.objects.get(pk=network["so-y-te"].home_page_id)
    Page.objects.get(pk=section.pk).move(health_home, pos="last-child")
    moved = SearchDocument.objects.get(page_id=child.pk)
    assert moved.agency_id == network["so-y-te"].pk
    assert moved.path == Page.objects.get(pk=child.pk).path
    assert hit_ids("ben xe khach lien tinh", agency_id=network["so-y-te"].pk) == [child.pk]


def test_update_index_rebuilds_the_public_index_with_progress(sample_procedures):
    SearchDocument.objects.all().delete()
    assert hit_ids("doi giay phep lai xe") == []
    out = StringIO()
    call_command("update_index", stdout=out)
    assert "procedures.ProcedurePage" in out.getvalue()
    assert "." in out.getvalue()  # Wagtail's progress dots
    assert hit_ids("doi giay phep lai xe")[0] == sample_procedures[DRIVING_LICENCE].pk
    assert SearchDocument.objects.filter(kind="procedure", locale__language_code="vi").count() == len(sample_procedures)
