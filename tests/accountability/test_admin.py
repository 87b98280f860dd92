"""The leadership's page in the admin: the network for the provincial administrator, their own for an agency's staff."""

from __future__ import annotations

from django.test import Client

from sites.models import Agency

from .conftest import PORTAL

URL = "/admin/dieu-hanh/?from=2026-02-01&to=2026-02-28"


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_administrator_sees_the_network(dossier_set, admin_user):
    response = login(admin_user).get(URL, HTTP_HOST=PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-leadership" in html and "Sở Giao thông vận tải" in html and "Sở Y tế" in html
    assert response.context["totals"]["received"] == 11
    publication = response.context["publication"]
    assert (publication["published"], publication["online"], publication["complete"]) == (2, 2, 2)
    assert "Bộ chỉ số phục vụ người dân, doanh nghiệp" in html and "Chưa đo được" in html


def test_agency_staff_see_their_own(dossier_set, make_user):
    officer = make_user("motcua-yte", Agency.objects.get(slug="so-y-te").officers_group)
    officer.user_permissions.add(*officer.user_permissions.model.objects.filter(codename="access_admin"))
    response = login(officer).get(URL, HTTP_HOST=PORTAL)
    assert response.status_code == 200
    assert response.context["totals"]["received"] == 9
    assert [a["agency"] for a in response.context["figures"].agencies] == ["so-y-te"]
    assert response.context["publication"]["published"] == 1


def test_others_are_refused(dossier_set, make_user):
    nobody = make_user("nobody")
    nobody.user_permissions.add(*nobody.user_permissions.model.objects.filter(codename="access_admin"))
    response = login(nobody).get(URL, HTTP_HOST=PORTAL)
    assert response.status_code in (302, 403)
    assert b"data-leadership" not in response.content
