"""The Decree 42 sections as a citizen on a phone meets them: library, Q&A, consultation."""

from datetime import date, timedelta

from sections import factories as f
from sections.models import ConsultationComment, Question


def test_library_filters_and_passes_axe(live_network, page, axe_check):
    lib = f.library(live_network.by_slug["so-y-te"].home_page)
    qd, ct = f.document_type("Quyết định", "Decision"), f.document_type("Chỉ thị", "Directive")
    ubnd = f.issuer("Ủy ban nhân dân tỉnh Hà Tĩnh")
    file = f.text_document("Quyết định 15/2024/QĐ-UBND", "Nội dung")
    f.legal_document(
        lib,
        number="15/2024/QĐ-UBND",
        doc_type=qd,
        doc_issuer=ubnd,
        issued=date(2024, 4, 12),
        summary="Ban hành Quy chế hoạt động của Cổng thông tin điện tử tỉnh",
        file=file,
    )
    f.legal_document(
        lib,
        number="08/CT-UBND",
        doc_type=ct,
        doc_issuer=ubnd,
        issued=date(2025, 2, 10),
        summary="Về tăng cường kỷ luật, kỷ cương hành chính",
    )
    page.goto(live_network.site_url("so-y-te") + "/van-ban-phap-luat/")
    assert page.locator("h1").inner_text() == "Văn bản pháp luật"
    axe_check(page, "legal documents library")

    page.get_by_label("Loại văn bản").select_option(label="Chỉ thị")
    page.get_by_role("button", name="Lọc văn bản").click()
    page.wait_for_load_state()
    rows = page.locator("table.document-table tbody tr")
    assert rows.count() == 1
    assert "08/CT-UBND" in rows.first.inner_text()
    axe_check(page, "filtered library")

    rows.first.get_by_role("link", name="08/CT-UBND").click()
    page.wait_for_load_state()
    assert "Về tăng cường kỷ luật" in page.locator("main").inner_text()
    axe_check(page, "legal document")


def test_citizen_asks_a_question_and_reads_published_answers(live_network, page, axe_check):
    qa = f.question_page(live_network.by_slug["so-y-te"].home_page)
    f.question(
        qa,
        title="Đổi giấy phép lái xe trực tuyến như thế nào?",
        text="Giấy phép lái xe của tôi sắp hết hạn.",
        answer="Ông/bà nộp hồ sơ trên Cổng dịch vụ công.",
        status=Question.Status.PUBLISHED,
    )
    page.goto(live_network.site_url("so-y-te") + "/hoi-dap/")
    assert "Ông/bà nộp hồ sơ trên Cổng dịch vụ công." in page.locator("main").inner_text()
    axe_check(page, "questions and answers")

    # Submitting empty shows the error summary, itself accessible.
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page, "questions and answers with errors")

    page.get_by_label("Họ và tên").fill("Trần Thị Bình")
    page.get_by_label("Thư điện tử").fill("binh@example.vn")
    page.get_by_label("Tiêu đề câu hỏi").fill("Hỏi về <script>alert(1)</script>")
    page.get_by_label("Nội dung câu hỏi").fill("Thủ tục cấp chứng chỉ hành nghề dược cần những gì?")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_load_state()
    assert "Câu hỏi của bạn đã được gửi" in page.locator("main").inner_text()
    item = Question.objects.get(name="Trần Thị Bình")
    assert item.status == Question.Status.PENDING
    assert item.title == "Hỏi về <script>alert(1)</script>"


def test_consultation_page_takes_a_comment_and_passes_axe(live_network, page, axe_check):
    draft = f.consultation(
        live_network.by_slug["so-y-te"].home_page,
        title="Dự thảo Quyết định quy định giá dịch vụ khám bệnh",
        summary="Lấy ý kiến về mức giá dịch vụ khám bệnh, chữa bệnh.",
        closes_in=timedelta(days=10),
        draft_file=f.text_document("Dự thảo", "Nội dung dự thảo"),
    )
    page.goto(live_network.site_url("so-y-te") + "/lay-y-kien/")
    axe_check(page, "consultation index")
    page.get_by_role("link", name="Dự thảo Quyết định quy định giá dịch vụ khám bệnh").click()
    page.wait_for_load_state()
    axe_check(page, "consultation page")
    page.get_by_label("Họ và tên").fill("Lê Văn Cường")
    page.get_by_label("Nội dung góp ý").fill("Đề nghị bổ sung mức giá cho trẻ em.")
    page.get_by_role("button", name="Gửi góp ý").click()
    page.wait_for_load_state()
    assert "Cảm ơn bạn đã góp ý" in page.locator("main").inner_text()
    assert ConsultationComment.objects.get(page=draft).status == ConsultationComment.Status.PENDING
