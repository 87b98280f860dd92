"""Vietnamese matching and relevance, on whichever database DATABASE_URL names."""

import pytest

from wagtail.models import Locale

from search.engine import DatabaseEngine, SearchFilters

DRIVING_LICENCE = "HT-GTVT-001"


def run(query, **filters):
    vi = Locale.objects.get(language_code="vi")
    return DatabaseEngine().search(query, vi.pk, SearchFilters(**filters))


@pytest.mark.parametrize("query", ["doi giay phep lai xe", "ĐỔI GIẤY PHÉP LÁI XE", "đổi giấy phép lái xe"])
def test_driving_licence_renewal_comes_first_however_it_is_typed(sample_procedures, query):
    outcome = run(query)
    assert outcome.total >= 1
    assert outcome.hits[0].page_id == sample_procedures[DRIVING_LICENCE].pk
