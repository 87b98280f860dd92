"""Receipt codes, file names, the form page and the level-3 link (status moves: test_services_lifecycle.py)."""

from __future__ import annotations

import re

import pytest

from django.test import Client

from online_services.codes import ALPHABET, generate_receipt_code, normalise_receipt_code
from online_services.factories import make_service_page
from online_services.forms import default_fields
from online_services.models import OnlineServicePage
from online_services.uploads import sanitize_filename
from procedures.models import ProcedurePage

from .services_fixtures import page_path


def test_receipt_codes_are_short_unambiguous_and_random():
    codes = {generate_receipt_code() for _ in range(5000)}
    assert len(codes) == 5000
    for code in list(codes)[:200]:
        assert re.fullmatch(rf"HT-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", code)
    assert not set("01ILOUV") & set(ALPHABET)


def test_receipt_codes_are_normalised_from_what_people_type():
    assert normalise_receipt_code(" ht 7kq4 m9xp ") == "HT-7KQ4-M9XP"
    assert normalise_receipt_code("7KQ4M9XP") == "HT-7KQ4-M9XP"
    assert normalise_receipt_code("HT-7KQ4") == ""


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\an\\Đơn đề nghị.pdf", "Đơn đề nghị.pdf"),
        ("giấy\x00khám\x1f.jpg", "giấykhám.jpg"),
        ("a<b>:c?.pdf", "abc.pdf"),
        ("...hidden..pdf", "hidden.pdf"),
        ("Nguyễn  Thị\u00a0Hoa.png", "Nguyễn Thị Hoa.png"),
    ],
)
def test_file_names_are_sanitised_keeping_vietnamese_letters(raw, safe):
    assert sanitize_filename(raw) == safe


@pytest.mark.django_db
def test_default_fields_follow_the_dossier_components(procedure):
    fields = default_fields(procedure)
    uploads = [f for f in fields if f.field_type == "file"]
    assert [f.label for f in uploads] == [c.name for c in procedure.dossier_components.all()]
    assert {f.role for f in fields if f.role} == {"applicant_name", "applicant_phone", "applicant_email", "consent"}
    assert len({f.clean_name for f in fields}) == len(fields)


@pytest.mark.django_db
def test_form_page_rules(procedure, service_page):
    assert OnlineServicePage.parent_page_types == ["procedures.ProcedurePage"]
    assert "online_services.OnlineServicePage" in ProcedurePage.subpage_types
    assert OnlineServicePage.max_count_per_parent == 1
    assert not OnlineServicePage.can_create_at(procedure)  # the procedure already has its form
    assert not OnlineServicePage.can_create_at(procedure.get_parent())  # only under a procedure


@pytest.mark.django_db
def test_publishing_the_form_makes_the_procedure_level_3_and_shows_the_link(procedure, citizen):
    from django.template import Context, Template

    assert procedure.level == 2
    link = Template('{% include "online_services/includes/online_service_link.html" %}')
    assert "Nộp hồ sơ trực tuyến" not in link.render(Context({"page": procedure}))
    page = make_service_page(procedure, publish=False)
    procedure.refresh_from_db()
    assert procedure.level == 2
    page.save_revision().publish()
    procedure.refresh_from_db()
    assert procedure.level == 3
    assert procedure.online
    html = link.render(Context({"page": procedure}))
    assert "Nộp hồ sơ trực tuyến" in html
    assert f'href="{page.url}"' in html
    # Publishing the procedure again from its latest revision keeps level 3.
    procedure.latest_revision.publish()
    procedure.refresh_from_db()
    assert procedure.level == 3
    # Unpublishing the form takes the procedure back to level 2 and hides the link.
    page.refresh_from_db()
    page.unpublish()
    procedure.refresh_from_db()
    assert procedure.level == 2
    assert "Nộp hồ sơ trực tuyến" not in link.render(Context({"page": procedure}))


@pytest.mark.django_db
def test_form_page_renders_with_upload_fields(service_page, citizen):
    response = citizen.get(page_path(service_page))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html and 'accept=".pdf,.jpg,.jpeg,.png"' in html
    assert "Định dạng: .pdf, .jpg, .jpeg, .png; tối đa 10 MB." in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_new_form_is_prefilled_with_default_fields(procedure, admin_user):
    client = Client()
    client.force_login(admin_user)
    url = f"/admin/pages/add/online_services/onlineservicepage/{procedure.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for component in procedure.dossier_components.all():
        assert component.name in html
    assert "Tệp đính kèm" in html
    assert 'name="form_fields-TOTAL_FORMS" value="6"' in html
    # Posting the prefilled form back unchanged creates all six fields.
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value not in (None, "") and not isinstance(value, (list, dict)):
            data[name] = value
    data.update({"title": "Nộp hồ sơ trực tuyến", "slug": "nop-ho-so-truc-tuyen", "intro": "", "consent_text": "x"})
    formset = form.formsets["form_fields"]
    data.update(
        {
            "form_fields-TOTAL_FORMS": str(len(formset.forms)),
            "form_fields-INITIAL_FORMS": str(formset.initial_form_count()),
            "form_fields-MIN_NUM_FORMS": "0",
            "form_fields-MAX_NUM_FORMS": "1000",
        }
    )
    for i, child in enumerate(formset.forms):
        for name, field in child.fields.items():
            value = child.initial.get(name, field.initial)
            key = f"form_fields-{i}-{name}"
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif value is not None:
                data[key] = value
        data[f"form_fields-{i}-ORDER"] = str(i + 1)
        data[f"form_fields-{i}-id"] = ""
    response = client.post(url, {**data, "action-publish": "1"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = OnlineServicePage.objects.child_of(procedure).get()
    assert page.form_fields.count() == 6
    assert page.form_fields.filter(field_type="file").count() == 2
    procedure.refresh_from_db()
    assert procedure.level == 3
