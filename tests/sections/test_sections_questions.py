"""Q&A: a citizen asks, the agency answers in the admin, a moderator publishes the pair."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sections import factories as f
from sections.models import Question

HOST = "soyte.hatinh.localhost"


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


@pytest.fixture
def qa(network):
    return f.question_page(network["so-y-te"].home_page)


def ask(client, page, **overrides):
    data = {
        "name": "Trần Thị Bình",
        "email": "binh@example.vn",
        "phone": "0912 345 678",
        "title": "Thủ tục cấp chứng chỉ hành nghề dược",
        "question": "Tôi cần chuẩn bị những giấy tờ gì để xin cấp chứng chỉ hành nghề dược?",
        "website": "",
    }
    data.update(overrides)
    return client.post(page.url, data, HTTP_HOST=HOST)


def answer_url(item):
    return reverse("questions:edit", args=[item.pk])


def test_question_is_stored_unpublished_and_not_shown(client, qa):
    response = ask(client, qa)
    assert response.status_code == 302
    assert response["Location"].endswith("/hoi-dap/?da-gui=1#gui-cau-hoi")
    item = Question.objects.get()
    assert item.status == Question.Status.PENDING
    assert item.page_id == qa.pk
    assert item.agency.slug == "so-y-te"
    assert item.email == "binh@example.vn"
    html = client.get(qa.url + "?da-gui=1", HTTP_HOST=HOST).content.decode()
    assert "Câu hỏi của bạn đã được gửi" in html
    assert "chứng chỉ hành nghề dược" not in html


def test_editor_answers_moderator_publishes(client, qa, editor, moderator):
    ask(client, qa)
    item = Question.objects.get()

    client.force_login(editor)
    form_page = client.get(answer_url(item)).content.decode()
    assert "Tôi cần chuẩn bị những giấy tờ gì" in form_page  # the question, shown read-only
    assert 'name="status"' not in form_page
    # The editor's form has no status field: the editor answers, cannot publish.
    response = client.post(answer_url(item), {"answer": "Hồ sơ gồm đơn đề nghị và bản sao văn bằng chuyên môn."})
    assert response.status_code == 302, __import__("re").findall(
        r"error[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)", response.content.decode()
    )[:20]
    item.refresh_from_db()
    assert item.status == Question.Status.ANSWERED
    assert item.answered_by == editor
    assert item.answered_at is not None
    response = client.post(answer_url(item), {"answer": item.answer, "status": "published"})
    item.refresh_from_db()
    assert item.status == Question.Status.ANSWERED
    assert "Hồ sơ gồm đơn" not in client.get(qa.url, HTTP_HOST=HOST).content.decode()

    client.force_login(moderator)
    assert 'name="status"' in client.get(answer_url(item)).content.decode()
    response = client.post(
        answer_url(item),
        {"title": item.title, "question": item.question, "answer": item.answer, "status": "published"},
    )
    assert response.status_code == 302, __import__("re").findall(
        r"error[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)", response.content.decode()
    )[:20]
    item.refresh_from_db()
    assert item.status == Question.Status.PUBLISHED
    assert item.published_by == moderator
    assert item.published_at is not None

    client.logout()
    html = client.get(qa.url, HTTP_HOST=HOST).content.decode()
    assert "Thủ tục cấp chứng chỉ hành nghề dược" in html
    assert "Hồ sơ gồm đơn đề nghị và bản sao văn bằng chuyên môn." in html
    # What the citizen asked to keep private stays private.
    assert "binh@example.vn" not in html
    assert "0912 345 678" not in html


def test_a_question_without_answer_cannot_be_published(client, qa, moderator):
    item = f.question(qa, title="Câu hỏi", text="Nội dung")
    client.force_login(moderator)
    response = client.post(
        answer_url(item), {"title": item.title, "question": item.question, "answer": "", "status": "published"}
    )
    assert response.status_code == 200
    assert "Chỉ công khai được câu hỏi đã có câu trả lời." in response.content.decode()
    item.refresh_from_db()
    assert item.status == Question.Status.PENDING


def test_script_in_a_question_is_shown_escaped(client, qa, moderator):
    ask(
        client,
        qa,
        title="<b>Tiêu đề</b>",
        question='Xin hỏi <script>alert("xss")</script> và <img src=x onerror=alert(1)>?',
    )
    item = Question.objects.get()
    item.answer = "Trả lời <script>alert(2)</script>"
    item.set_status(Question.Status.PUBLISHED, moderator)
    item.save()
    html = client.get(qa.url, HTTP_HOST=HOST).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;Tiêu đề&lt;/b&gt;" in html
    assert "Trả lời &lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_other_agencies_staff_cannot_see_or_answer(client, qa, network, make_user):
    item = f.question(qa, title="Câu hỏi của Sở Y tế", text="Nội dung")
    other = make_user("editor-gtvt", network["so-gtvt"].editors_group)
    client.force_login(other)
    listing = client.get(reverse("questions:index"))
    assert listing.status_code == 200
    assert "Câu hỏi của Sở Y tế" not in listing.content.decode()
    assert client.get(answer_url(item)).status_code == 404
    assert client.post(answer_url(item), {"answer": "Không phải việc của tôi"}).status_code == 404
    item.refresh_from_db()
    assert item.answer == ""


def test_own_staff_see_the_question_in_the_admin(client, qa, editor):
    f.question(qa, title="Câu hỏi chờ trả lời", text="Nội dung")
    client.force_login(editor)
    html = client.get(reverse("questions:index")).content.decode()
    assert "Câu hỏi chờ trả lời" in html


def test_validation_errors_are_translated_and_nothing_is_stored(client, qa):
    response = ask(client, qa, name="", email="khong-phai-email", phone="", question="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vui lòng nhập thông tin này." in html
    assert "Địa chỉ thư điện tử không hợp lệ." in html
    assert Question.objects.count() == 0

    response = client.post(
        qa.url,
        {"name": "A", "title": "T", "question": "Q", "email": "", "phone": ""},
        HTTP_HOST=HOST,
    )
    assert "Vui lòng để lại thư điện tử hoặc số điện thoại" in response.content.decode()
    assert Question.objects.count() == 0


def test_errors_in_english(client, qa):
    from wagtail.models import Locale

    en = qa.copy_for_translation(Locale.objects.get(language_code="en"))
    en.title = "Questions and answers"
    en.save_revision().publish()
    response = client.post("/en/hoi-dap/", {"name": "", "title": "", "question": ""}, HTTP_HOST=HOST)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This information is required." in html
    assert "Please leave an email address or a phone number" in html


def test_honeypot_pretends_success_and_stores_nothing(client, qa):
    response = ask(client, qa, website="http://spam.example")
    assert response.status_code == 302
    assert Question.objects.count() == 0


def test_rate_limit_per_address(client, qa, settings):
    from sections import views as section_views

    for _ in range(section_views.RATE_LIMIT):
        assert ask(client, qa).status_code == 302
    response = ask(client, qa)
    assert response.status_code == 429
    assert "Bạn đã gửi quá nhiều lần" in response.content.decode()
    assert Question.objects.count() == section_views.RATE_LIMIT
    # Another address is not affected.
    response = client.post(
        qa.url,
        {"name": "B", "email": "b@example.vn", "title": "T", "question": "Q"},
        HTTP_HOST=HOST,
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code == 302


def test_csrf_is_enforced(qa):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        qa.url, {"name": "A", "email": "a@example.vn", "title": "T", "question": "Q"}, HTTP_HOST=HOST
    )
    assert response.status_code == 403
    assert Question.objects.count() == 0
    html = client.get(qa.url, HTTP_HOST=HOST).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html


def add_published_questions(page, count, start=0):
    Question.objects.bulk_create(
        [
            Question(
                page=page,
                agency_id=page.agency_id,
                name=f"Người hỏi {i}",
                title=f"Câu hỏi {i}",
                question="Nội dung câu hỏi",
                answer="Nội dung trả lời",
                status=Question.Status.PUBLISHED,
            )
            for i in range(start, start + count)
        ]
    )


def test_questions_page_query_count_is_the_same_for_10_and_200(client, qa, django_assert_num_queries):
    add_published_questions(qa, 10)
    client.get(qa.url, HTTP_HOST=HOST)  # warm the per-process caches
    with CaptureQueriesContext(connection) as with_10:
        response = client.get(qa.url, HTTP_HOST=HOST)
    assert response.content.decode().count('class="qa-item"') == 10
    # The page's own share: one count and one page of rows, whatever the total.
    assert len([q for q in with_10.captured_queries if 'FROM "home_question"' in q["sql"]]) == 2

    add_published_questions(qa, 190, start=10)
    with django_assert_num_queries(len(with_10)):
        response = client.get(qa.url, HTTP_HOST=HOST)
    assert response.content.decode().count('class="qa-item"') == qa.per_page
