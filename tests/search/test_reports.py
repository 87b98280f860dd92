"""The query log reports in the admin: superusers only."""

from search.querylog import record_click, record_search


def test_top_and_zero_result_reports_for_superusers(client, admin_user, sample_procedures):
    for _ in range(3):
        record_search("Đăng ký khai sinh", 1)
    record_search("dang ky khai sinh", 1)
    record_search("giấy phép bắn pháo hoa", 0)
    record_click("dang ky khai sinh", sample_procedures["HT-BH-001"].pk, 1)
    client.force_login(admin_user)

    top = client.get("/admin/reports/search-log/top/")
    assert top.status_code == 200
    html = top.content.decode()
    assert "đăng ký khai sinh" in html  # one row for both spellings
    assert html.index("đăng ký khai sinh") < html.index("giấy phép bắn pháo hoa")

    zero = client.get("/admin/reports/search-log/zero-results/").content.decode()
    assert "giấy phép bắn pháo hoa" in zero
    assert "đăng ký khai sinh" not in zero

    export = client.get("/admin/reports/search-log/top/", {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "dang ky khai sinh,4,0,1" in body.replace("\r", "")


def test_reports_are_refused_to_agency_staff(client, editor):
    client.force_login(editor)
    response = client.get("/admin/reports/search-log/top/")
    assert response.status_code in (302, 403)
    assert "đăng ký" not in response.content.decode()
    menu = client.get("/admin/").content.decode()
    assert "Từ khóa tìm kiếm nhiều nhất" not in menu
