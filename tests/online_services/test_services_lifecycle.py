"""The dossier's life after the receipt (#13): the status graph, the supplement round, transfer, result, late dossiers.

Everything here goes through ``online_services.workflow`` and the model, on a
real database with real files; the HTTP sides (the desk's page, the citizen's
lookup) are in test_services_desk.py.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from online_services import workflow
from online_services.models import (
    Dossier,
    DossierFile,
    InvalidTransition,
    Notification,
    StaleDossier,
    check_move,
)
from online_services.workdays import add_working_days
from tests.files import pdf_bytes

from .desk_fixtures import checked_upload, new_dossier

S = Dossier.Status
ALLOWED = {(a, b) for a, targets in Dossier.TRANSITIONS.items() for b in targets}
FORBIDDEN = [(a, b) for a, b in itertools.product(S.values, S.values) if (a, b) not in ALLOWED]


def test_the_graph_is_the_one_stop_desks():
    assert Dossier.TRANSITIONS[S.RECEIVED] == [
        S.PROCESSING,
        S.SUPPLEMENT_REQUESTED,
        S.TRANSFERRED,
        S.REJECTED,
        S.WITHDRAWN,
    ]
    assert (S.SUPPLEMENT_REQUESTED, S.SUPPLEMENT_RECEIVED) in ALLOWED
    assert (S.SUPPLEMENT_RECEIVED, S.SUPPLEMENT_REQUESTED) in ALLOWED
    assert (S.RESULT_READY, S.RESULT_RETURNED) in ALLOWED
    for closed in (S.RESULT_RETURNED, S.REJECTED, S.WITHDRAWN):
        assert Dossier.TRANSITIONS[closed] == []
    assert len(FORBIDDEN) == 81 - len(ALLOWED) == 60


@pytest.mark.parametrize(("from_status", "to_status"), FORBIDDEN)
def test_every_forbidden_move_is_refused_by_the_model(from_status, to_status):
    for actor in ("officer", "citizen"):
        with pytest.raises(InvalidTransition):
            check_move(from_status, to_status, actor)


@pytest.mark.parametrize(("from_status", "to_status"), sorted(ALLOWED))
def test_each_allowed_move_belongs_to_one_side(from_status, to_status):
    citizen = to_status in Dossier.CITIZEN_MOVES
    check_move(from_status, to_status, "citizen" if citizen else "officer")
    with pytest.raises(InvalidTransition):
        check_move(from_status, to_status, "officer" if citizen else "citizen")


def test_forbidden_moves_change_nothing_in_the_database(desk):
    """Every forbidden pair, on a stored dossier: refused by ``Dossier.move``, no history row, same version."""
    officer = desk.officers["so-gtvt"]
    dossier = new_dossier(desk.gtvt_form)
    for from_status, to_status in [*FORBIDDEN, (S.RECEIVED, "nonsense")]:
        Dossier.objects.filter(pk=dossier.pk).update(status=from_status, version=7)
        dossier.refresh_from_db()
        with pytest.raises(InvalidTransition):
            dossier.move(to_status, user=officer, actor="citizen" if to_status in Dossier.CITIZEN_MOVES else "officer")
        dossier.refresh_from_db()
        assert (dossier.status, dossier.version) == (from_status, 7)
    assert dossier.history.count() == 1
    # The desk cannot make the citizen's moves, and the citizen cannot make the desk's.
    Dossier.objects.filter(pk=dossier.pk).update(status=S.RECEIVED)
    dossier.refresh_from_db()
    with pytest.raises(InvalidTransition):
        dossier.move(S.WITHDRAWN, user=officer)
    with pytest.raises(InvalidTransition):
        dossier.move(S.PROCESSING, actor="citizen")
    # Moves that need their own form are refused by the plain one.
    with pytest.raises(InvalidTransition):
        dossier.transition(S.SUPPLEMENT_REQUESTED, user=officer)


def test_a_stale_version_is_refused(desk):
    officer = desk.officers["so-gtvt"]
    dossier = new_dossier(desk.gtvt_form)
    seen = dossier.version
    workflow.officer_move(dossier, S.PROCESSING, user=officer, expected_version=seen)
    with pytest.raises(StaleDossier) as caught:
        workflow.officer_move(dossier, S.REJECTED, user=officer, comment="x", expected_version=seen)
    assert "vừa được cán bộ khác cập nhật" in caught.value.messages[0]
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING
    assert dossier.history.count() == 2


def test_supplement_round_moves_the_due_date_and_tells_the_citizen(desk, settings, tmp_path):
    officer = desk.officers["so-gtvt"]
    submitted = timezone.make_aware(dt.datetime(2026, 2, 10, 9, 0))  # Tuesday before Tết Bính Ngọ
    dossier = new_dossier(desk.gtvt_form, submitted_at=submitted)
    assert dossier.due_date == dt.date(2026, 2, 24)  # 11, 12, 13, (16–20 Tết), 23, 24
    photo = dossier.files.first().label
    request = workflow.request_supplement(
        dossier,
        user=officer,
        items=[("Ảnh chân dung 3x4 nền trắng", photo), ("Bản sao căn cước", ""), ("", "")],
        message="Ảnh trong hồ sơ bị mờ.",
        expected_version=dossier.version,
    )
    assert [(i.description, i.component) for i in request.items.all()] == [
        ("Ảnh chân dung 3x4 nền trắng", photo),
        ("Bản sao căn cước", ""),
    ]
    dossier.refresh_from_db()
    assert dossier.status == S.SUPPLEMENT_REQUESTED
    items = list(request.items.all())
    workflow.submit_supplement(
        dossier, uploads={items[0].pk: checked_upload(), items[1].pk: None}, reply="Đã chụp lại."
    )
    dossier.refresh_from_db()
    today = timezone.localdate()
    assert dossier.status == S.SUPPLEMENT_RECEIVED
    assert dossier.complete_on == today
    assert dossier.due_date == add_working_days(today, 5)
    assert dossier.submitted_at == submitted
    added = dossier.files.get(kind=DossierFile.Kind.SUPPLEMENT)
    assert (added.supplement_item_id, added.original_name, added.content_type) == (
        items[0].pk,
        "ảnh thẻ.jpg",
        "image/jpeg",
    )
    assert added.file.storage.exists(added.file.name)
    request.refresh_from_db()
    assert request.reply == "Đã chụp lại." and request.answered_at
    history = [(h.from_status, h.to_status, h.changed_by_id) for h in dossier.history.all()]
    assert history[-2:] == [
        ("received", "supplement_requested", officer.pk),
        ("supplement_requested", "supplement_received", None),
    ]
    events = list(Notification.objects.filter(dossier=dossier).values_list("event", "channel"))
    assert events == [
        ("supplement_requested", "email"),
        ("supplement_requested", "sms"),
        ("supplement_received", "email"),
        ("supplement_received", "sms"),
    ]
    mail = Notification.objects.get(dossier=dossier, event="supplement_requested", channel="email")
    assert "Ảnh chân dung 3x4 nền trắng" in mail.body and "Ảnh trong hồ sơ bị mờ." in mail.body
    assert mail.subject == f"Hồ sơ {dossier.receipt_code}: Yêu cầu bổ sung hồ sơ"


def test_a_supplement_to_a_dossier_not_waiting_for_one_is_refused(desk):
    dossier = new_dossier(desk.gtvt_form)
    before = (dossier.status, dossier.version, dossier.files.count())
    with pytest.raises(InvalidTransition) as caught:
        workflow.submit_supplement(dossier, uploads={}, reply="x")
    assert "không chờ bổ sung" in caught.value.messages[0]
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version, dossier.files.count()) == before
    assert not Notification.objects.filter(dossier=dossier).exists()


def test_the_supplement_request_needs_an_item(desk):
    dossier = new_dossier(desk.gtvt_form)
    with pytest.raises(ValidationError):
        workflow.request_supplement(dossier, user=desk.officers["so-gtvt"], items=[("  ", "")])
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED


def test_transfer_goes_up_to_the_district_only(desk):
    commune, district = desk.agencies["ubnd-cam-binh"], desk.agencies["ubnd-cam-xuyen"]
    officer = desk.officers["ubnd-cam-binh"]
    dossier = new_dossier(desk.commune_form)
    assert list(workflow.allowed_transfer_targets(dossier)) == [district]
    with pytest.raises(ValidationError) as caught:
        workflow.transfer(dossier, desk.agencies["so-y-te"], user=officer, note="nhầm")
    assert "không cho phép chuyển hồ sơ đến “Sở Y tế”" in caught.value.messages[0]
    dossier.refresh_from_db()
    assert (dossier.agency, dossier.status) == (commune, S.RECEIVED)

    workflow.transfer(dossier, district, user=officer, note="Thẩm quyền cấp huyện")
    dossier.refresh_from_db()
    assert (dossier.agency, dossier.status) == (district, S.TRANSFERRED)
    last = dossier.history.last()
    assert (last.from_agency, last.to_agency, last.comment) == (commune, district, "Thẩm quyền cấp huyện")

    # The district sees and moves it; the commune sees it read-only; a third agency sees nothing.
    district_officer, health = desk.officers["ubnd-cam-xuyen"], desk.officers["so-y-te"]
    assert Dossier.objects.editable_by(district_officer).filter(pk=dossier.pk).exists()
    assert Dossier.objects.for_user(officer).filter(pk=dossier.pk).exists()
    assert not Dossier.objects.editable_by(officer).filter(pk=dossier.pk).exists()
    assert not Dossier.objects.for_user(health).filter(pk=dossier.pk).exists()
    workflow.officer_move(dossier, S.PROCESSING, user=district_officer, comment="Tiếp nhận hồ sơ liên thông")
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING


def test_the_procedure_may_allow_more_agencies(desk):
    form = desk.commune_form
    form.transfer_agencies.add(desk.agencies["so-y-te"])
    form.save()
    dossier = new_dossier(form)
    assert set(workflow.allowed_transfer_targets(dossier)) == {
        desk.agencies["ubnd-cam-xuyen"],
        desk.agencies["so-y-te"],
    }


def test_result_online_needs_a_checked_pdf(desk):
    officer = desk.officers["so-gtvt"]
    dossier = new_dossier(desk.gtvt_form)
    workflow.officer_move(dossier, S.PROCESSING, user=officer)
    with pytest.raises(ValidationError) as caught:
        workflow.mark_result_ready(dossier, user=officer, note="x")
    assert "trả kết quả trực tuyến" in caught.value.messages[0]
    # A file that fails the content checks never reaches the workflow: the field refuses it.
    with pytest.raises(ValidationError):
        checked_upload("ket-qua.pdf", b"MZ\x90\x00 not a pdf", "application/pdf", extensions=("pdf",))
    result = checked_upload("Giấy phép lái xe.pdf", pdf_bytes(), "application/pdf", extensions=("pdf",))
    workflow.mark_result_ready(dossier, user=officer, result_file=result, note="Nhận bản gốc tại quầy số 3.")
    dossier.refresh_from_db()
    assert dossier.status == S.RESULT_READY
    assert dossier.completed_at is not None and dossier.on_time is True and not dossier.is_late
    stored = dossier.files.get(kind=DossierFile.Kind.RESULT)
    assert stored.file.read().startswith(b"%PDF")


def test_withdrawal_only_while_received(desk):
    dossier = new_dossier(desk.gtvt_form)
    workflow.withdraw(dossier, reason="Nộp nhầm thủ tục")
    dossier.refresh_from_db()
    assert dossier.status == S.WITHDRAWN
    other = new_dossier(desk.gtvt_form)
    workflow.officer_move(other, S.PROCESSING, user=desk.officers["so-gtvt"])
    with pytest.raises(InvalidTransition):
        workflow.withdraw(other)


def test_late_dossier_gets_a_new_appointment_and_keeps_its_due_date(desk):
    officer = desk.officers["so-gtvt"]
    submitted = timezone.now() - dt.timedelta(days=30)
    dossier = new_dossier(desk.gtvt_form, submitted_at=submitted)
    due = dossier.due_date
    assert dossier.is_late and dossier.on_time is None
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        workflow.reschedule(dossier, user=officer, new_date=today, reason="x")
    new_date = add_working_days(today, 3)
    appointment = workflow.reschedule(
        dossier, user=officer, new_date=new_date, reason="Chờ kết quả xác minh của Cục Cảnh sát giao thông."
    )
    dossier.refresh_from_db()
    assert (dossier.due_date, dossier.new_due_date, dossier.appointment_date) == (due, new_date, new_date)
    assert (appointment.previous_date, appointment.new_date) == (due, new_date)
    apology = Notification.objects.get(dossier=dossier, event="appointment", channel="email")
    assert "thành thật xin lỗi" in apology.body and new_date.strftime("%d/%m/%Y") in apology.body
    workflow.officer_move(dossier, S.PROCESSING, user=officer)
    result = checked_upload("kq.pdf", pdf_bytes(), "application/pdf", extensions=("pdf",))
    workflow.mark_result_ready(dossier, user=officer, result_file=result)
    dossier.refresh_from_db()
    assert dossier.is_late and dossier.on_time is False  # computed from the dates, never typed


def test_assignment_is_to_an_officer_of_the_agency(desk):
    dossier = new_dossier(desk.gtvt_form)
    with pytest.raises(ValidationError):
        workflow.assign(dossier, desk.officers["so-y-te"])
    workflow.assign(dossier, desk.officers["so-gtvt"])
    dossier.refresh_from_db()
    assert dossier.assigned_to == desk.officers["so-gtvt"]


def test_messages_are_in_the_dossiers_language(desk):
    dossier = new_dossier(desk.gtvt_form, language="en")
    workflow.officer_move(dossier, S.PROCESSING, user=desk.officers["so-gtvt"])
    mail = Notification.objects.get(dossier=dossier, channel="email")
    assert mail.subject == f"Dossier {dossier.receipt_code}: In processing"
    assert "Your dossier is being processed." in mail.body
    sms = Notification.objects.get(dossier=dossier, channel="sms")
    assert sms.recipient == "0912345678" and dossier.receipt_code in sms.body
