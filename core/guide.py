"""The editor's guide (docs/huong-dan/), served inside the admin so staff find it under "Help".

The guide is kept as Markdown next to the project's other docs, with its
screenshots made by ``make screenshots``. This renders the small subset of
Markdown it uses (headings, paragraphs, lists, emphasis, code, links and
images), so no Markdown library is needed; links between the guide's pages and
to its images are rewritten to the admin's addresses.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.safestring import mark_safe

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "huong-dan"
PAGE_NAME = re.compile(r"^[a-z0-9-]+$")
IMAGE_NAME = re.compile(r"^[a-z0-9-]+\.png$")


def inline(text: str) -> str:
    text = escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"(?<![*\w])\*([^*]+)\*(?!\w)", r"<em>\1</em>", text)

    def image(match):
        alt, src = match.group(1), match.group(2)
        name = src.rsplit("/", 1)[-1]
        if IMAGE_NAME.match(name):
            src = reverse("portal_guide:image", args=[name])
        return f'<img src="{src}" alt="{alt}" loading="lazy" style="max-width:100%;border:1px solid #ccc">'

    def link(match):
        label, href = match.group(1), match.group(2)
        if href.endswith(".md") and "/" not in href:
            slug = href[:-3]
            href = reverse("portal_guide:index") if slug == "README" else reverse("portal_guide:page", args=[slug])
        return f'<a href="{href}">{label}</a>'

    text = re.sub(r"!\[([^\]]*)\]\(([^)\s]+)\)", image, text)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", link, text)


def render_markdown(source: str) -> tuple[str, str]:
    """(title, html) of a Markdown page."""
    html: list[str] = []
    title = ""
    paragraph: list[str] = []
    list_tag = None

    def flush():
        nonlocal list_tag
        if paragraph:
            html.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if list_tag:
            html.append("</tbody></table>" if list_tag == "table" else f"</{list_tag}>")
            list_tag = None

    for raw in source.splitlines():
        line = raw.rstrip()
        heading = re.match(r"^(#{1,4})\s+(.*)$", line)
        item = re.match(r"^\s*([-*]|\d+\.)\s+(.*)$", line)
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if all(set(cell) <= set("-: ") for cell in cells):
                continue
            if list_tag != "table":
                flush()
                html.append('<table class="listing"><tbody>')
                list_tag = "table"
            tag = "th" if html[-1].endswith("<tbody>") else "td"
            html.append("<tr>" + "".join(f"<{tag}>{inline(cell)}</{tag}>" for cell in cells) + "</tr>")
            continue
        if list_tag == "table":
            html.append("</tbody></table>")
            list_tag = None
        if not line.strip():
            flush()
        elif heading:
            flush()
            level = len(heading.group(1))
            if level == 1 and not title:
                title = heading.group(2)
                continue
            html.append(f"<h{level + 1} class='w-h{min(level + 1, 4)}'>{inline(heading.group(2))}</h{level + 1}>")
        elif item:
            if paragraph:
                html.append(f"<p>{inline(' '.join(paragraph))}</p>")
                paragraph.clear()
            tag = "ol" if item.group(1)[0].isdigit() else "ul"
            if list_tag != tag:
                if list_tag:
                    html.append(f"</{list_tag}>")
                html.append(f"<{tag}>")
                list_tag = tag
            html.append(f"<li>{inline(item.group(2))}</li>")
        elif list_tag and raw.startswith("  "):
            html[-1] = html[-1][: -len("</li>")] + " " + inline(line.strip()) + "</li>"
        else:
            if list_tag:
                html.append(f"</{list_tag}>")
                list_tag = None
            paragraph.append(line.strip())
    flush()
    return title, "\n".join(html)


def page(request, slug: str = "README"):
    if not PAGE_NAME.match(slug) and slug != "README":
        raise Http404
    source = GUIDE_DIR / f"{slug}.md"
    if not source.is_file():
        raise Http404
    title, body = render_markdown(source.read_text(encoding="utf-8"))
    return render(
        request,
        "core/guide.html",
        {"page_title": title, "header_title": title, "body": mark_safe(body), "is_index": slug == "README"},  # noqa: S308 (escaped in inline())
    )


def image(request, name: str):
    if not IMAGE_NAME.match(name):
        raise Http404
    source = GUIDE_DIR / "anh" / name
    if not source.is_file():
        raise Http404
    return FileResponse(source.open("rb"), content_type="image/png")


app_name = "portal_guide"
urlpatterns = [
    path("", page, name="index"),
    path("anh/<str:name>", image, name="image"),
    path("<slug:slug>/", page, name="page"),
]
