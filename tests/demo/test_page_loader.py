"""core.page_loader: records checked before anything is written, loading twice changes nothing."""

from __future__ import annotations

import json

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Page, Revision

from core.page_loader import PageLoadError, load_pages
from home.models import StandardPage


def _records():
    return [
        {
            "site": "so-y-te",
            "type": "home.StandardPage",
            "slug": "gioi-thieu",
            "fields": {
                "title": "Giới thiệu",
                "intro": "Sở Y tế là cơ quan chuyên môn.",
                "body": [{"type": "paragraph", "value": "<p>Tham mưu về y tế.</p>"}],
                "show_in_menus": True,
            },
            "translations": {"en": {"Giới thiệu": "About", "Tham mưu về y tế.": "Advises on health."}},
        },
        {
            "site": "so-y-te",
            "parent": "gioi-thieu",
            "type": "home.StandardPage",
            "slug": "lich-su",
            "fields": {"title": "Lịch sử"},
        },
    ]


def _state():
    return Page.objects.count(), Revision.objects.count(), sorted(Page.objects.values_list("url_path", "title"))


def test_a_malformed_record_writes_nothing(network):
    before = _state()
    records = _records()
    records.append(
        {
            "site": "so-y-te",
            "type": "home.StandardPage",
            "slug": "sai",
            "fields": {"title": "Sai", "no_such_field": 1, "body": [{"type": "no_such_block", "value": ""}]},
            "refs": {"owner": {"username": "nobody"}},
        }
    )
    records.append({"site": "so-khong-co", "type": "home.NoSuchPage", "slug": "x", "fields": {}})
    with pytest.raises(PageLoadError) as caught:
        load_pages(records)
    text = str(caught.value)
    assert "no_such_field" in text and "so-khong-co" in text and "home.NoSuchPage" in text and "owner" in text
    assert _state() == before  # the two valid records were not written either


def test_loading_twice_changes_nothing(network, locales):
    _vi, en = locales
    report = load_pages(_records())
    assert len(report.created) == 2 and len(report.translated) == 1
    page = StandardPage.objects.get(slug="gioi-thieu", locale__language_code="vi")
    assert page.live and page.get_parent().pk == network["so-y-te"].home_page_id
    assert page.get_children().get().title == "Lịch sử"
    english = page.get_translation(en)
    assert english.title == "About" and "Advises on health." in str(english.specific.body)
    before = _state()
    report = load_pages(_records())
    assert report.created == [] and report.translated == [] and len(report.unchanged) == 2
    assert _state() == before


def test_command_reports_errors_and_loads(network, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"site": "so-y-te", "type": "home.StandardPage", "slug": "a/b"}]), encoding="utf-8")
    with pytest.raises(CommandError, match="slug"):
        call_command("load_pages", str(bad))
    good = tmp_path / "pages.json"
    good.write_text(json.dumps({"pages": _records()}, ensure_ascii=False), encoding="utf-8")
    call_command("load_pages", str(good))
    assert StandardPage.objects.filter(slug="lich-su").exists()
