"""The portal's own 404 page on public paths, also with DEBUG on (the demo)."""

from tests.front_door.conftest import YTE


def test_a_missing_page_shows_the_portal_404_even_with_debug(client, network, settings):
    settings.DEBUG = True
    response = client.get("/khong-co-trang-nay/", HTTP_HOST=YTE)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and "Using the URLconf" not in html
