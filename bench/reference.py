"""`make bench`: the plain Wagtail reference the portal's pages are measured against (issue #18).

A project made by ``wagtail start`` in a temporary folder, with its default
settings and DEBUG off (``settings.production`` plus a ``local.py`` that sets
only SECRET_KEY and ALLOWED_HOSTS), SQLite, and one page: the generated
``HomePage`` given a rich-text body and an image, both filled in (a title,
five paragraphs, one photo rendered at ``width-800``). It is served by the
same gunicorn command as the portal (bench/serving.py) and loaded by the same
wrk script, in the same run.

    .venv/bin/python bench/reference.py --duration 10     # build, serve, measure it alone
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODELS = """from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    body = RichTextField(blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = Page.content_panels + [FieldPanel("image"), FieldPanel("body")]
"""

TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags wagtailimages_tags %}

{% block body_class %}template-homepage{% endblock %}

{% block content %}
<main>
  <h1>{{ page.title }}</h1>
  {% if page.image %}{% image page.image width-800 %}{% endif %}
  {{ page.body|richtext }}
</main>
{% endblock content %}
"""

FILL = """
import io
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from home.models import HomePage

buffer = io.BytesIO()
PILImage.new("RGB", (1600, 1000), (40, 110, 160)).save(buffer, "JPEG", quality=85)
image = Image.objects.create(title="Ảnh minh hoạ", file=ImageFile(buffer, name="photo.jpg"))
paragraphs = "".join(
    f"<p>Đoạn {n}: hướng dẫn người dân chuẩn bị hồ sơ, nộp tại bộ phận một cửa và nhận kết quả đúng hẹn. "
    "Trang này có tiêu đề, vài đoạn văn bản định dạng và một hình ảnh, như một trang Wagtail thông thường.</p>"
    for n in range(1, 6)
)
page = HomePage.objects.get(depth=2)
page.title = "Trang tham chiếu Wagtail"
page.body = paragraphs
page.image = image
page.save_revision().publish()
print("reference page", page.url_path)
"""


def build(workdir: Path) -> Path:
    """Create the reference project in ``workdir/reference``, migrated, filled and with static files collected."""
    project = workdir / "reference"
    project.mkdir(parents=True)
    wagtail = str(Path(sys.executable).parent / "wagtail")
    subprocess.run([wagtail, "start", "reference", str(project)], check=True, capture_output=True)
    (project / "home" / "models.py").write_text(MODELS)
    (project / "home" / "templates" / "home" / "home_page.html").write_text(TEMPLATE)
    (project / "reference" / "settings" / "local.py").write_text(
        f"SECRET_KEY = {secrets.token_urlsafe(40)!r}\nALLOWED_HOSTS = ['*']\n"
    )
    env = env_for(project)
    manage = [sys.executable, "manage.py"]
    for command in (["makemigrations", "home", "-v0"], ["migrate", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run(manage + command, cwd=project, env=env, check=True)
    subprocess.run(manage + ["shell", "-c", FILL], cwd=project, env=env, check=True, capture_output=True)
    return project


def env_for(project: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
    env["DJANGO_SETTINGS_MODULE"] = "reference.settings.production"
    return env


def measure(args) -> dict:
    """Build the reference project in a temporary folder, serve it, and measure its page (``run_rounds``).

    ``args`` carries ``port``, ``workers``, ``threads``, ``duration``, ``connections`` and ``rounds``
    (this script's options, and bench/run.py's).
    """
    from bench.load import run_rounds
    from bench.serving import Server

    workdir = Path(tempfile.mkdtemp(prefix="wagtail-reference-"))
    try:
        project = build(workdir)
        server = Server(env_for(project), args.port, args.workers, args.threads, app="reference.wsgi", cwd=project)
        try:
            server.wait_ready("127.0.0.1")
            return run_rounds(
                args.port, ["127.0.0.1 /"], args.duration, args.connections, workdir, "reference", args.rounds
            )
        finally:
            server.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8191)
    row = measure(parser.parse_args(argv))
    print(f"plain Wagtail page: {row['rps']:.1f} req/s, p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, "
          f"errors {row['errors']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
