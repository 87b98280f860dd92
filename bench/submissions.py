"""200 concurrent online submissions against a real server and PostgreSQL; every dossier must be whole.

    .venv/bin/python bench/submissions.py [--count 200] [--port 8150]

Creates a fresh database (``portal_bench_services`` on the local PostgreSQL
unless ``BENCH_DATABASE_URL`` says otherwise), provisions the transport
department with the driving-licence renewal and its online form, starts
gunicorn on 127.0.0.1, fires the submissions from as many threads (each one
GETs the form for its CSRF token, then POSTs a PDF and a JPEG per upload
field), stops the server and checks: exactly ``count`` dossiers, each with
all its files present on disk, ``count`` distinct receipt codes. Prints the
figures; exits non-zero if any check fails.

``run_submissions`` is also used by tests/procedures/test_services_concurrency.py
against pytest's live server.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "sgtvt.hatinh.localhost"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = []
    for name, value in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, ctype) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        out.append(head.encode() + content + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def submit_once(base_url: str, host: str, path: str, spec: dict, index: int) -> dict:
    """One citizen: GET the form (CSRF cookie and token), POST it; returns status, receipt code and timing."""
    parts = urlsplit(base_url)
    started = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        conn.request("GET", path, headers={"Host": f"{host}:{parts.port}"})
        response = conn.getresponse()
        html = response.read().decode()
        cookie = next(
            (
                c.split(";", 1)[0]
                for k, c in response.getheaders()
                if k.lower() == "set-cookie" and c.startswith("csrftoken=")
            ),
            "",
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        fields = {
            "csrfmiddlewaretoken": token,
            spec["applicant_name"]: f"Người nộp số {index}",
            spec["applicant_phone"]: f"09{index:08d}",
            spec["applicant_email"]: f"bench{index}@example.vn",
            spec["consent"]: "on",
        }
        files = {}
        for position, name in enumerate(spec["files"]):
            if position % 2:
                files[name] = (f"ảnh {index}.jpg", spec["jpeg"], "image/jpeg")
            else:
                files[name] = (f"đơn {index}.pdf", PDF, "application/pdf")
        body, content_type = _multipart(fields, files)
        conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Host": f"{host}:{parts.port}",
                "Content-Type": content_type,
                "Cookie": cookie,
                "Referer": f"http://{host}:{parts.port}{path}",
            },
        )
        response = conn.getresponse()
        response.read()
        location = response.getheader("Location", "")
        code = location.rstrip("/").rsplit("/", 1)[-1] if response.status == 302 else ""
        return {"status": response.status, "code": code, "seconds": time.perf_counter() - started}
    except Exception as exc:  # reported, counted as a failure
        return {"status": 0, "code": "", "error": repr(exc), "seconds": time.perf_counter() - started}
    finally:
        conn.close()


def run_submissions(
    base_url: str, host: str, path: str, spec: dict, count: int, threads: int | None = None
) -> list[dict]:
    """Fire ``count`` submissions from ``threads`` threads released together."""
    spec = {**spec, "jpeg": spec.get("jpeg") or jpeg()}
    threads = threads or count
    barrier = threading.Barrier(min(threads, count))

    def worker(i):
        if i < barrier.parties:
            barrier.wait()
        return submit_once(base_url, host, path, spec, i)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(worker, range(count)))


def form_spec(page) -> dict:
    fields = list(page.form_fields.all())
    spec = {f.role: f.clean_name for f in fields if f.role}
    spec["files"] = [f.clean_name for f in fields if f.field_type == "file"]
    return spec


SETUP = """
import json
from wagtail.models import Collection, Locale, Page
from sites.provisioning import provision_agencies
from online_services.factories import make_procedure, make_service_page
from bench.submissions import form_spec
for code in ("vi", "en"):
    Locale.objects.get_or_create(language_code=code)
provision_agencies([
    {"slug": "ha-tinh", "name": "Ủy ban nhân dân tỉnh Hà Tĩnh", "kind": "province", "parent": None, "hostname": "hatinh.localhost"},
    {"slug": "so-gtvt", "name": "Sở Giao thông vận tải", "kind": "department", "parent": "ha-tinh", "hostname": "sgtvt.hatinh.localhost"},
])
from sites.models import Agency
page = make_service_page(make_procedure(Agency.objects.get(slug="so-gtvt")))
print("SPEC=" + json.dumps({"path": page.get_url_parts()[2], "spec": form_spec(page)}))
"""

CHECK = """
import json
from pathlib import Path
from online_services.models import Dossier, DossierFile
expected = int(EXPECTED)
dossiers = list(Dossier.objects.prefetch_related("files"))
per = [len(d.files.all()) for d in dossiers]
missing = [f.pk for f in DossierFile.objects.all() if not Path(f.file.path).is_file()]
print("CHECK=" + json.dumps({
    "dossiers": len(dossiers),
    "distinct_codes": len({d.receipt_code for d in dossiers}),
    "files": sum(per),
    "dossiers_with_all_files": sum(1 for n in per if n == expected),
    "files_missing_on_disk": len(missing),
}))
"""


def _django(code: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    db_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench_services")
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "ONLINE_SERVICE_SUBMIT_RATE": "1000000/3600",  # one client IP sends everything
        "PYTHONPATH": str(ROOT),
    }
    import psycopg2

    dsn = urlsplit(db_url)
    admin = psycopg2.connect(host=dsn.hostname, port=dsn.port or 5432, user=dsn.username, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        name = dsn.path.lstrip("/")
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0", "--no-input"], cwd=ROOT, env=env, check=True)
    setup = json.loads(_django(SETUP, env).split("SPEC=", 1)[1])
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{args.port}",
         "-w", str(args.workers), "--threads", "16", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
                conn.request("GET", setup["path"], headers={"Host": HOST})
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            print("server did not start", file=sys.stderr)
            return 2
        started = time.perf_counter()
        results = run_submissions(base, HOST, setup["path"], setup["spec"], args.count)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    check = json.loads(_django(CHECK.replace("EXPECTED", str(len(setup["spec"]["files"]))), env).split("CHECK=", 1)[1])
    ok = [r for r in results if r["status"] == 302]
    times = sorted(r["seconds"] for r in results)
    codes = {r["code"] for r in ok}
    print(
        f"submissions sent: {len(results)} from {len(results)} threads in {elapsed:.1f} s ({len(results) / elapsed:.1f}/s)"
    )
    print(f"accepted (302 to receipt): {len(ok)}; other statuses: {sorted({r['status'] for r in results} - {302})}")
    print(
        f"latency GET+POST: median {statistics.median(times):.2f} s, p95 {times[int(len(times) * 0.95) - 1]:.2f} s, max {times[-1]:.2f} s"
    )
    print(f"receipt codes returned: {len(codes)} distinct")
    print(
        f"database: {check['dossiers']} dossiers, {check['distinct_codes']} distinct codes, {check['files']} files, "
        f"{check['dossiers_with_all_files']} dossiers with all {len(setup['spec']['files'])} files, "
        f"{check['files_missing_on_disk']} files missing on disk"
    )
    errors = [r.get("error") for r in results if r.get("error")]
    if errors:
        print("first errors:", errors[:3])
    passed = (
        len(ok) == args.count
        and check["dossiers"] == args.count
        and check["distinct_codes"] == args.count
        and check["dossiers_with_all_files"] == args.count
        and check["files_missing_on_disk"] == 0
        and len(codes) == args.count
    )
    print("RESULT:", "PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
