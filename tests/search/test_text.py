"""Folding, query tokens, highlighting: pure functions, no database."""

from search.text import fold, highlight, normalise_for_log, query_tokens, snippet


def test_fold_removes_every_vietnamese_diacritic_and_d_stroke():
    assert fold("ĐỔI GIẤY PHÉP LÁI XE") == "doi giay phep lai xe"
    assert fold("Ủy ban nhân dân, Hòa Bình, ưởng, ặ, ỹ") == "uy ban nhan dan, hoa binh, uong, a, y"
    # Decomposed input (some keyboards send combining marks) folds the same.
    assert fold("đo\u0302\u0309i") == "doi"


def test_query_tokens_are_folded_unique_and_capped():
    assert query_tokens("  Đổi giấy-phép <b>lái</b> xe xe ") == ["doi", "giay", "phep", "b", "lai", "xe"]
    assert len(query_tokens(" ".join(f"w{n}" for n in range(40)))) == 12


def test_highlight_marks_accented_words_for_an_unaccented_query_and_escapes_the_rest():
    html = highlight("Đổi <giấy> phép & lái xe", query_tokens("doi giay"))
    assert html == "<mark>Đổi</mark> &lt;<mark>giấy</mark>&gt; phép &amp; lái xe"


def test_highlight_escapes_a_hostile_query():
    assert "<script>" not in highlight("<script>alert(1)</script>", query_tokens("<script>"))


def test_snippet_centres_on_the_query_words():
    text = "Mở đầu dài. " * 60 + "Người dân đổi giấy phép lái xe tại Sở." + " Phần kết." * 60
    html = snippet(text, query_tokens("doi giay phep lai xe"), length=120)
    assert html.startswith("… ")
    assert "<mark>đổi</mark> <mark>giấy</mark> <mark>phép</mark> <mark>lái</mark> <mark>xe</mark>" in html
    assert len(html) < 400


def test_the_log_form_folds_and_masks_identity_numbers():
    assert normalise_for_log("Tra cứu HỒ SƠ 001234567890") == "tra cuu ho so #"
    assert normalise_for_log("thủ tục số 12") == "thu tuc so 12"
