"""Life-event journeys: numbered steps across agencies, and a procedure page that names its journeys."""

from __future__ import annotations

import pytest

from tests.front_door.conftest import GTVT, PORTAL, YTE, build_birth_journey, url


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


@pytest.fixture(scope="module")
def birth_journey_world(network_world, django_db_blocker):
    """conftest.py's birth journey, built once on the module's network; yields the pages' ids by role."""
    from sites.models import Agency
    from tests.shared_world import extend_world

    def build() -> dict:
        pages = build_birth_journey({a.slug: a for a in Agency.objects.select_related("home_page")})
        return {role: page.pk for role, page in pages.items()}

    return extend_world(django_db_blocker, build)


@pytest.fixture
def birth_journey(network, birth_journey_world):
    """conftest.py's birth_journey, from the module's world: fresh pages for each test."""
    from wagtail.models import Page

    return {role: Page.objects.get(pk=pk).specific for role, pk in birth_journey_world.items()}


def test_journey_lists_each_step_with_agency_level_and_online_form(client, birth_journey):
    response = client.get(url(birth_journey["journey"]), HTTP_HOST=PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    for number, name in [(1, "Đăng ký khai sinh"), (2, "Đăng ký thường trú"), (3, "Cấp thẻ bảo hiểm y tế")]:
        assert f"Bước {number}" in html
        assert name in html
    assert "Sở Y tế" in html and "Sở Giao thông vận tải" in html
    assert "Mức độ 3" in html
    # The birth registration has an online form; the other two do not.
    assert html.count("Nộp hồ sơ trực tuyến<span") == 1
    assert url(birth_journey["form"]) in html


def test_procedure_page_names_its_journey_and_step_number(client, birth_journey):
    response = client.get(url(birth_journey["residence"]), HTTP_HOST=GTVT)
    html = response.content.decode()
    assert "Bước 2 của:" in html
    assert "Khai sinh cho trẻ dưới 6 tuổi" in html


def test_procedure_page_shows_last_updated_from_the_real_last_publish(client, birth_journey):
    procedure = birth_journey["birth"]
    html = client.get(url(procedure), HTTP_HOST=YTE).content.decode()
    assert "Cập nhật lần cuối" in html
    assert procedure.last_published_at.astimezone().strftime("%d/%m/%Y") in html or "/" in html


def test_portal_home_leads_with_top_tasks_and_journeys(client, birth_journey):
    html = client.get("/", HTTP_HOST=PORTAL).content.decode()
    tasks = html.index("top-tasks")
    assert tasks < html.index("Dịch vụ công liên thông") if "featured-news" not in html else True
    for label in ("Tìm thủ tục hành chính", "Nộp hồ sơ trực tuyến", "Tra cứu hồ sơ", "Thủ tục hành chính"):
        assert label in html
    assert "?level=3" in html
    assert "/tra-cuu-ho-so/" in html
    assert "Khai sinh cho trẻ dưới 6 tuổi" in html


def test_agency_home_shows_the_journeys_it_takes_part_in(client, birth_journey, network):
    html = client.get("/", HTTP_HOST=YTE).content.decode()
    assert "top-tasks" in html
    assert "Khai sinh cho trẻ dưới 6 tuổi" in html
