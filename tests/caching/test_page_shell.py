"""The page's shell (caching/shell.py, issue #18): base.html's parts kept per page, revision and query string.

The page cache is off (every request runs the view); the fragments are on. A warm page of a type with a
shell makes no query, and shows exactly what a cold render shows; what is per visitor or per moment (the
user bar, alert banners, a view restriction just added) is never taken from it.
"""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from alerts.models import Alert
from procedures.models import ProcedureField, ProcedurePage
from security import csp
from security.csp import public_directives
from tests.performance.conftest import YTE
from tests.procedures.catalogue_fixtures import make_procedures


def fetch(client, path, host=YTE):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, HTTP_HOST=host)
    return response, len(ctx.captured_queries)


def path_of(page) -> str:
    return page.get_url_parts()[2]


def test_a_warm_shell_makes_no_query_and_shows_what_a_cold_render_shows(client, fragments_on, procedure):
    fragments_on.MIDDLEWARE = [*fragments_on.MIDDLEWARE]
    fragments_on.MIDDLEWARE.insert(1, "security.csp.PortalCSPMiddleware")
    fragments_on.CONTENT_SECURITY_POLICY = {"DIRECTIVES": public_directives()}
    path = path_of(procedure)
    fragments_on.FRAGMENT_CACHE_SECONDS = 0
    cold, cold_queries = fetch(client, path)
    fragments_on.FRAGMENT_CACHE_SECONDS = 3600
    fetch(client, path)  # Wagtail routes it, the route and the shell's parts are stored
    warm, warm_queries = fetch(client, path)
    assert (cold.status_code, warm.status_code) == (200, 200)
    assert cold_queries > 8 and warm_queries == 0, (cold_queries, warm_queries)
    assert warm.content == cold.content
    # The accent colour's inline style is allowed by its hash: carried with the shell's part.
    style = re.search(r"<style>(:root\{--accent:#[0-9a-f]{6}\})</style>", warm.content.decode()).group(1)
    assert csp.source_hash(style) in warm["Content-Security-Policy"]
    assert warm["Content-Security-Policy"] == cold["Content-Security-Policy"]


def test_the_catalogue_keeps_one_shell_per_query_string(client, fragments_on, network):
    make_procedures(network["so-y-te"], 3, field_name="Hộ tịch", title="Đăng ký khai sinh mẫu")
    make_procedures(network["so-y-te"], 2, field_name="Dược", start=10, title="Cấp chứng chỉ hành nghề dược")
    index = ProcedurePage.objects.filter(agency=network["so-y-te"]).first().get_parent()
    path = path_of(index)
    slug = ProcedureField.objects.get(name="Dược").slug
    for _ in range(2):
        everything, _n = fetch(client, path)
        one_field, queries = fetch(client, f"{path}?field={slug}")
    html = one_field.content.decode()
    assert queries == 0
    assert "Cấp chứng chỉ hành nghề dược" in html and "Đăng ký khai sinh mẫu" not in html
    assert "Đăng ký khai sinh mẫu" in everything.content.decode()


def test_a_page_made_private_is_private_on_the_next_request(client, fragments_on, procedure):
    path = path_of(procedure)
    fetch(client, path)
    fetch(client, path)  # the route (with its view restrictions) and the shell are warm
    restriction = PageViewRestriction.objects.create(
        page=procedure, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-123"
    )
    response, _n = fetch(client, path)
    html = response.content.decode()
    assert 'type="password"' in html and "Giấy chứng nhận" not in html
    restriction.delete()
    response, _n = fetch(client, path)
    assert "Giấy chứng nhận" in response.content.decode()


def test_an_alert_shows_at_once_on_a_warm_shell(client, fragments_on, procedure):
    path = path_of(procedure)
    fetch(client, path)
    fetch(client, path)
    Alert.objects.create(
        title="Hệ thống tạm dừng để bảo trì",
        message="Từ 22 giờ đến 23 giờ.",
        starts_at=timezone.now() - datetime.timedelta(minutes=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    response, _n = fetch(client, path)
    assert "Hệ thống tạm dừng để bảo trì" in response.content.decode()
