"""Vietnamese matching and relevance, on whichever database DATABASE_URL names."""

from wagtail.models import Locale

from search.engines import DatabaseEngine, SearchFilters

from .conftest import build_procedure

DRIVING_LICENCE = "HT-GTVT-001"

RECORD = {
    "field": "Đường bộ",
    "level": 2,
    "methods": ["in_person"],
    "processing_time": "05 ngày làm việc",
    "fees": "Không",
    "steps": ["Nộp hồ sơ tại Bộ phận Một cửa"],
    "result": "Văn bản trả lời",
}


def run(query, **filters):
    vi = Locale.objects.get(language_code="vi")
    return DatabaseEngine().search(query, vi.pk, SearchFilters(**filters), limit=50)


def titles(outcome):
    return [doc.title for doc in outcome.hits]


def test_driving_licence_renewal_comes_first_however_it_is_typed(sample_procedures):
    expected = sample_procedures[DRIVING_LICENCE].pk
    for query in ("doi giay phep lai xe", "ĐỔI GIẤY PHÉP LÁI XE", "đổi giấy phép lái xe", "  Đổi   giấy-phép lái xe! "):
        outcome = run(query)
        assert outcome.hits, query
        assert outcome.hits[0].page_id == expected, (query, titles(outcome))


def test_d_with_stroke_and_stacked_accents_fold(sample_procedures):
    assert titles(run("dang ky khai sinh"))[0] == "Đăng ký khai sinh"
    assert titles(run("ĐĂNG KÝ KHAI SINH"))[0] == "Đăng ký khai sinh"
    assert titles(run("ly lich tu phap"))[0] == "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"
    assert titles(run("tro cap that nghiep"))[0] == "Giải quyết hưởng trợ cấp thất nghiệp"


def test_every_word_must_match(sample_procedures):
    assert run("giay phep lai may bay").total == 0
    assert run("").total == 0
    assert run("!!! ???").total == 0


def test_body_and_field_are_searched(sample_procedures):
    # "thời hạn dưới 03 tháng" is in the conditions of the driving licence renewal only.
    assert sample_procedures[DRIVING_LICENCE].pk in [d.page_id for d in run("qua han duoi 03 thang").hits]
    # The field name (lĩnh vực) is indexed through RelatedFields.
    assert sample_procedures["HT-TP-XD-001"].pk in [d.page_id for d in run("xay dung").hits]


def test_a_name_match_ranks_above_a_body_mention(network, sample_procedures):
    # Created last and short: only the ranking can put the name match first.
    body_only = build_procedure(
        network["so-y-te"],
        {
            **RECORD,
            "code": "BODY-1",
            "name": "Khám sức khỏe định kỳ",
            "steps": ["Người đổi giấy phép lái xe mang theo giấy tờ tùy thân", "Đổi giấy phép lái xe"],
        },
    )
    ranked = [d.page_id for d in run("doi giay phep lai xe").hits]
    assert ranked.index(sample_procedures[DRIVING_LICENCE].pk) < ranked.index(body_only.pk)


def test_the_exact_phrase_ranks_above_scattered_words(network, sample_procedures):
    scattered = build_procedure(
        network["so-gtvt"], {**RECORD, "code": "SC-1", "name": "Xây dựng bến xe: cấp phép, giấy tờ"}
    )
    phrase = build_procedure(network["so-gtvt"], {**RECORD, "code": "PH-1", "name": "Thu hồi giấy phép xây dựng bến"})
    ranked = [d.page_id for d in run("giấy phép xây dựng").hits]
    assert ranked.index(phrase.pk) < ranked.index(scattered.pk)
    # And the sample procedure that carries the phrase in its name is above the scattered one too.
    assert ranked.index(sample_procedures["HT-TP-XD-001"].pk) < ranked.index(scattered.pk)


def test_drafts_and_unpublished_pages_are_not_found(network, sample_procedures):
    draft = build_procedure(
        network["so-gtvt"], {**RECORD, "code": "DR-1", "name": "Thủ tục nháp chưa xuất bản"}, live=False
    )
    assert draft.pk not in [d.page_id for d in run("thu tuc nhap chua xuat ban").hits]


def test_view_restricted_sections_are_not_found(network, sample_procedures):
    from wagtail.models import PageViewRestriction

    page = sample_procedures[DRIVING_LICENCE]
    PageViewRestriction.objects.create(page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert page.pk not in [d.page_id for d in run("doi giay phep lai xe").hits]
