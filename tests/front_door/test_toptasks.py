"""Most-used procedures from the portal's own signal (a daily counter, no cookie, no address), with editors' pins."""

from __future__ import annotations

import pytest

from django.test import Client

from online_services.factories import make_procedure
from tests.front_door.conftest import PORTAL, YTE, url
from toptasks.models import PinnedProcedure, ProcedureViewDay, TopTaskSettings


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


def beacon(page, times=1, client=None):
    client = client or Client()
    for _ in range(times):
        response = client.post(f"/luot-xem/{page.pk}/", HTTP_HOST=YTE)
        assert response.status_code == 204
        assert not response.cookies


def test_the_beacon_counts_views_per_day_without_storing_anything_about_the_visitor(network):
    procedure = make_procedure(network["so-y-te"], code="HT-YT-020", title="Cấp chứng chỉ hành nghề dược")
    beacon(procedure, 3)
    row = ProcedureViewDay.objects.get()
    assert row.views == 3 and row.agency_id == network["so-y-te"].pk
    assert {f.name for f in ProcedureViewDay._meta.get_fields()} == {"id", "page", "agency", "day", "views"}
    assert Client().post(f"/luot-xem/{network['so-y-te'].home_page_id}/", HTTP_HOST=YTE).status_code == 404
    assert Client().get(f"/luot-xem/{procedure.pk}/", HTTP_HOST=YTE).status_code == 405


def test_procedure_pages_carry_the_beacon_as_a_static_script(client, network):
    procedure = make_procedure(network["so-y-te"], code="HT-YT-021", title="Cấp giấy phép hoạt động")
    html = client.get(url(procedure), HTTP_HOST=YTE).content.decode()
    assert f'data-count-view="/luot-xem/{procedure.pk}/"' in html and "toptasks/count.js" in html


def test_most_used_comes_from_the_counts_and_pins_come_first(client, network):
    yte = network["so-y-te"]
    popular = make_procedure(yte, code="HT-YT-030", title="Thủ tục được xem nhiều")
    quiet = make_procedure(yte, code="HT-YT-031", title="Thủ tục ít người xem")
    pinned = make_procedure(yte, code="HT-YT-032", title="Thủ tục được ghim")
    transport = make_procedure(network["so-gtvt"], code="HT-GT-033", title="Thủ tục của Sở GTVT")
    beacon(popular, 5)
    beacon(quiet, 1)
    beacon(transport, 9)
    html = client.get("/", HTTP_HOST=YTE).content.decode()
    assert html.index("Thủ tục được xem nhiều") < html.index("Thủ tục ít người xem")
    assert "Thủ tục của Sở GTVT" not in html  # an agency's home: its own procedures
    portal = client.get("/", HTTP_HOST=PORTAL).content.decode()
    assert portal.index("Thủ tục của Sở GTVT") < portal.index("Thủ tục được xem nhiều")

    settings, _created = TopTaskSettings.objects.update_or_create(site=yte.site, defaults={"count": 2})
    PinnedProcedure.objects.create(setting=settings, procedure=pinned, sort_order=0)
    html = client.get("/", HTTP_HOST=YTE).content.decode()
    most_used = html[html.index("most-used-list") :]
    assert most_used.index("Thủ tục được ghim") < most_used.index("Thủ tục được xem nhiều")
    assert "Thủ tục ít người xem" not in most_used.split("</ol>")[0]


def test_pinning_a_procedure_shows_at_once_through_the_page_cache(client, network, settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    pinned = make_procedure(network["so-y-te"], code="HT-YT-050", title="Thủ tục vừa được ghim")
    client.get("/", HTTP_HOST=YTE)
    assert client.get("/", HTTP_HOST=YTE)["X-Page-Cache"] == "hit"
    top, _created = TopTaskSettings.objects.get_or_create(site=network["so-y-te"].site)
    PinnedProcedure.objects.create(setting=top, procedure=pinned, sort_order=0)
    response = client.get("/", HTTP_HOST=YTE)
    assert "Thủ tục vừa được ghim" in response.content.decode()
