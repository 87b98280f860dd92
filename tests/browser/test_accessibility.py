"""WCAG 2.1 AA on the key pages, as a keyboard and screen-reader user meets them.

axe-core finds what a machine can (contrast, names, labels, ARIA); the
structure checks below cover what axe leaves to people: one landmark of each
kind, a skip link that works, headings without gaps, focus that is visible,
moves through header, main and footer and reaches every control.
"""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from online_services.models import Dossier
from tests.browser.key_pages import build_key_pages
from tests.files import jpeg_bytes, pdf_bytes


@pytest.fixture
def key_pages(live_network):
    return build_key_pages(live_network)


STRUCTURE_JS = """() => {
  const count = (sel) => document.querySelectorAll(sel).length;
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
    .filter((h) => h.getClientRects().length)
    .map((h) => Number(h.tagName[1]));
  const skips = [];
  levels.forEach((level, i) => { if (i && level > levels[i - 1] + 1) skips.push(levels[i - 1] + '→' + level); });
  return {
    banner: count('body > header, [role=banner]'),
    main: count('main, [role=main]'),
    contentinfo: count('body > footer, [role=contentinfo]'),
    h1: count('h1'),
    firstHeading: levels[0],
    skips,
    lang: document.documentElement.lang,
    title: document.title,
  };
}"""


def test_key_pages_have_no_serious_axe_violations(key_pages, page, axe_check):
    for name, url in key_pages.items():
        response = page.goto(url)
        assert response.status == 200, f"{name}: {url} answered {response.status}"
        axe_check(page, name)


def test_key_pages_pass_axe_on_a_desktop_screen_too(key_pages, page, axe_check):
    page.set_viewport_size({"width": 1280, "height": 900})
    for name, url in key_pages.items():
        page.goto(url)
        axe_check(page, f"{name} at 1280 px")


def test_landmarks_headings_and_language(key_pages, page):
    for name, url in key_pages.items():
        page.goto(url)
        s = page.evaluate(STRUCTURE_JS)
        assert (s["banner"], s["main"], s["contentinfo"]) == (1, 1, 1), f"{name}: landmarks {s}"
        assert s["h1"] == 1 and s["firstHeading"] == 1, f"{name}: one h1, first: {s}"
        assert not s["skips"], f"{name}: heading levels skipped {s['skips']}"
        assert s["lang"] == "vi" and s["title"], name


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(key_pages, page):
    page.goto(key_pages["procedure"])
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("class") == "skip-link"
    assert skip.is_visible() and skip.bounding_box()["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


FOCUSABLE_JS = """() => {
  const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const items = [...document.querySelectorAll(sel)].filter((el) => {
    if (el.disabled || el.tabIndex < 0 || el.closest('[hidden], [inert]')) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    return el.getClientRects().length > 0 || el.classList.contains('skip-link');
  });
  items.forEach((el, i) => el.setAttribute('data-tab-id', String(i)));
  // A radio group is one tab stop: count it by its name.
  const region = (el) => el.closest('header') ? 'header' : el.closest('main') ? 'main' : el.closest('footer') ? 'footer' : 'other';
  return items.map((el, i) => [el.type === 'radio' ? 'radio:' + el.name : String(i), region(el)]);
}"""

ACTIVE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const region = el.closest('header') ? 'header' : el.closest('main') ? 'main' : el.closest('footer') ? 'footer' : 'other';
  const style = getComputedStyle(el);
  const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 || style.boxShadow !== 'none';
  return {id: el.type === 'radio' ? 'radio:' + el.name : el.getAttribute('data-tab-id'), region, visible,
          tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 40)};
}"""


def test_tab_reaches_every_control_with_visible_focus_and_no_trap(key_pages, page):
    for name, url in key_pages.items():
        page.goto(url)
        controls = page.evaluate(FOCUSABLE_JS)
        expected = {control for control, _region in controls}
        landmarks = []
        for _control, region in controls:
            if region != "other" and (not landmarks or landmarks[-1] != region):
                landmarks.append(region)
        assert landmarks[0] == "header" and landmarks[-1] == "footer", f"{name}: {landmarks}"
        visited, regions, order = set(), [], []
        for _ in range(len(controls) + 3):
            page.keyboard.press("Tab")
            active = page.evaluate(ACTIVE_JS)
            if active is None or (order and active["id"] == order[0]):  # left the page or came round again
                break
            assert active["visible"], f"{name}: no visible focus on {active}"
            if active["id"] is not None:
                visited.add(active["id"])
            order.append(active["id"])
            if not regions or regions[-1] != active["region"]:
                regions.append(active["region"])
        missing = expected - visited
        assert not missing, f"{name}: {len(missing)} controls never reached with Tab, e.g. {sorted(missing)[:5]}"
        # Skip link and breadcrumbs sit outside the landmarks ("other"); the rest runs header → main → footer,
        # in document order, without jumping back.
        assert [r for r in regions if r != "other"] == landmarks, f"{name}: focus order {regions}, DOM {landmarks}"
        # No trap, either way: from the last control, Shift+Tab goes back to the one before it.
        page.locator(f"[data-tab-id='{order[-1]}']").focus()
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(ACTIVE_JS)["id"] == order[-2], name


def open_file_chooser_with_space(page, attempts=3):
    """Space on a focused file input opens the chooser. Under load, Chromium sometimes drops the
    first key's user activation before the chooser opens (CI saw one 15 s timeout in several hundred
    runs), so the key is pressed again, up to three times: still the keyboard alone, never a click."""
    for attempt in range(attempts):
        try:
            with page.expect_file_chooser(timeout=8000) as chooser:
                page.keyboard.press("Space")
            return chooser.value
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def test_level_3_form_is_completed_and_submitted_with_the_keyboard_alone(key_pages, page, axe_check):
    page.goto(key_pages["level-3 form"])
    # A first attempt with nothing filled in: the errors are announced and tied to their fields.
    page.locator("main form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").count() == 1
    axe_check(page, "level-3 form with errors")
    invalid = page.locator("main [aria-invalid=true]")
    assert invalid.count() >= 4
    for i in range(invalid.count()):
        described = invalid.nth(i).get_attribute("aria-describedby") or ""
        ids = described.split()
        assert ids, f"field {invalid.nth(i).get_attribute('name')} has no description"
        for ref in ids:
            assert page.locator(f"[id='{ref}']").count() == 1, f"aria-describedby points at missing #{ref}"

    page.goto(key_pages["level-3 form"])
    file_inputs = page.locator("main form input[type=file]").count()
    assert file_inputs == 5
    uploads = 0
    for _ in range(100):
        page.keyboard.press("Tab")
        info = page.evaluate(
            "(() => { const el = document.activeElement;"
            " return el.closest('main form') ? {type: el.type || el.tagName.toLowerCase(),"
            " label: el.labels && el.labels[0] ? el.labels[0].textContent.toLowerCase() : ''} : null })()"
        )
        if info is None:
            continue
        kind, label = info["type"], info["label"]
        if kind == "file":
            chooser = open_file_chooser_with_space(page)
            pdf = uploads % 2 == 0
            chooser.set_files(
                {
                    "name": "ho-so.pdf" if pdf else "anh.jpg",
                    "mimeType": "application/pdf" if pdf else "image/jpeg",
                    "buffer": pdf_bytes() if pdf else jpeg_bytes(),
                }
            )
            uploads += 1
        elif kind == "checkbox":
            page.keyboard.press("Space")
        elif kind == "email":
            page.keyboard.type("an.nguyen@example.vn")
        elif kind == "tel" or "điện thoại" in label:
            page.keyboard.type("0912345678")
        elif kind in ("text", "textarea"):
            page.keyboard.type("Nguyễn Văn An")
        elif kind == "submit":
            break
    assert uploads == file_inputs
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    dossier = Dossier.objects.get()
    assert dossier.files.count() == file_inputs
    assert dossier.receipt_code in page.locator("main").inner_text()
    axe_check(page, "receipt page")
