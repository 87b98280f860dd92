"""The provincial administrator provisions an agency from the admin; nobody else can."""

from django.urls import reverse

from wagtail.models import Site

from sites.models import Agency


def form_data(**overrides):
    data = {
        "slug": "xa-thach-ha",
        "name": "Ủy ban nhân dân xã Thạch Hà",
        "name_en": "Thach Ha Commune People's Committee",
        "site_name": "",
        "kind": "commune",
        "parent": "",
        "hostname": "thachha.hatinh.localhost",
        "address": "Xã Thạch Hà, tỉnh Hà Tĩnh",
        "phone": "0239 3845 123",
        "email": "thachha@hatinh.gov.vn",
    }
    data.update(overrides)
    return data


def test_admin_saves_and_provisions_an_agency(client, admin_user, network):
    client.force_login(admin_user)
    response = client.post(reverse("agencies:add"), form_data(parent=str(network["ha-tinh"].pk)))
    assert response.status_code == 302, response.content.decode()[:2000]
    agency = Agency.objects.get(slug="xa-thach-ha")
    assert agency.site.hostname == "thachha.hatinh.localhost"
    assert agency.home_page.live
    assert agency.editors_group and agency.moderators_group and agency.officers_group
    assert agency.collection.name == "Ủy ban nhân dân xã Thạch Hà"
    response = client.get("/", HTTP_HOST="thachha.hatinh.localhost")
    assert response.status_code == 200
    assert "Trang thông tin điện tử Ủy ban nhân dân xã Thạch Hà" in response.content.decode()


def test_agency_staff_cannot_reach_the_registry(client, editor, network):
    client.force_login(editor)
    response = client.get(reverse("agencies:index"))
    assert response.status_code in (302, 403)
    response = client.post(reverse("agencies:add"), form_data())
    assert response.status_code in (302, 403)
    assert not Agency.objects.filter(slug="xa-thach-ha").exists()
    assert not Site.objects.filter(hostname="thachha.hatinh.localhost").exists()
