"""The fragments of a page's own content (issue #18): warm they save the work, a publish drops them at once.

The page cache is off here (PAGE_CACHE_SECONDS = 0: every request renders), the fragment caches on, so
what is checked is the fragments themselves: the procedure's body and JSON-LD (per revision, site and
language), the cached route (caching/routecache.py) and the chrome (menu, breadcrumbs, language links).
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from procedures.models import DossierComponent, ProcedurePage
from tests.performance.conftest import YTE
from tests.procedures.catalogue_fixtures import make_procedures


def path_of(page) -> str:
    return page.get_url_parts()[2]


def get(client, path, host=YTE):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, response.status_code
    return response.content.decode(), len(ctx.captured_queries)


def test_a_warm_procedure_page_costs_at_most_eight_queries(client, fragments_on, procedure):
    path = path_of(procedure)
    _html, cold = get(client, path)
    html, warm = get(client, path)
    assert warm <= 8 < cold, (warm, cold)
    assert "Giấy chứng nhận" in html and "Nộp hồ sơ" in html and "application/ld+json" in html


def test_the_body_comes_from_the_fragment_until_the_procedure_is_republished(client, fragments_on, procedure):
    path = path_of(procedure)
    get(client, path)
    # A change written without a publish (a bulk SQL update) is not seen: the body is the cached fragment.
    ProcedurePage.objects.filter(pk=procedure.pk).update(result="Kết quả sửa thẳng trong cơ sở dữ liệu")
    html, _n = get(client, path)
    assert "Giấy chứng nhận" in html and "sửa thẳng" not in html
    # A publish: the new content on the very next request, body, dossier components and JSON-LD alike.
    page = ProcedurePage.objects.get(pk=procedure.pk)
    page.result = "Giấy chứng nhận mới, bản điện tử"
    page.steps = [("item", "Nộp hồ sơ trực tuyến"), ("item", "Nhận kết quả qua bưu chính")]
    page.dossier_components = [DossierComponent(name="Tờ khai đăng ký mới", copies=2)]
    page.save_revision().publish()
    html, _n = get(client, path)
    assert "Giấy chứng nhận mới, bản điện tử" in html
    assert "Nhận kết quả qua bưu chính" in html and "Tờ khai đăng ký mới" in html
    assert '"serviceOutput": {"@type": "Thing", "name": "Giấy chứng nhận mới, bản điện tử"}' in html


def test_an_unpublished_procedure_is_gone_on_the_next_request(client, fragments_on, procedure):
    path = path_of(procedure)
    get(client, path)
    get(client, path)  # the route and the fragments are warm
    ProcedurePage.objects.get(pk=procedure.pk).unpublish()
    assert client.get(path, HTTP_HOST=YTE).status_code == 404


def test_a_new_procedure_of_the_site_shows_in_the_related_list_at_once(client, fragments_on, network, procedure):
    path = path_of(procedure)
    html, _n = get(client, path)
    assert "Thủ tục cùng lĩnh vực" not in html
    other = make_procedures(network["so-gtvt"], 1, title="Thủ tục của Sở Giao thông")[0]
    other.save_revision().publish()  # another agency's procedure of the same field
    html, _n = get(client, path)
    assert "Thủ tục của Sở Giao thông" in html


def test_the_logged_in_state_is_never_shared_through_a_fragment(client, fragments_on, procedure, editor):
    path = path_of(procedure)
    client.force_login(editor)
    html, _n = get(client, path)  # an editor fills the fragments first
    assert "wagtail-userbar" in html
    client.logout()
    html, _n = get(client, path)
    assert "wagtail-userbar" not in html and "Giấy chứng nhận" in html
    client.force_login(editor)
    html, _n = get(client, path)  # and the anonymous visitor's copy does not hide the editor's bar
    assert "wagtail-userbar" in html


def test_each_language_has_its_own_fragments(client, fragments_on, procedure):
    path = path_of(procedure)
    vi_html, _n = get(client, path)
    en_html, _n = get(client, f"/en{path}")
    assert "Trình tự thực hiện" in vi_html
    assert '<html lang="en">' in en_html and '"inLanguage": "en"' in en_html and '"inLanguage": "vi"' not in en_html
