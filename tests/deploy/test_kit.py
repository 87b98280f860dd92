"""The deployment kit agrees with the code: every variable documented, one size cap at both layers."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
READ = re.compile(r"""(?:environ\.get\(|environ\[|env_(?:bool|list)\(\s*)["']([A-Z][A-Z0-9_]+)["']""")
NOT_PRODUCTION = {"PORT"}  # the dev server's port (make run)


def variables_read() -> set[str]:
    found = set()
    for folder in ("config", "caching", "core", "search", "online_services", "security", "sites", "deploy"):
        for path in (ROOT / folder).rglob("*.py"):
            found |= set(READ.findall(path.read_text(encoding="utf-8")))
    return found - NOT_PRODUCTION


def test_every_variable_the_code_reads_is_in_env_example():
    example = (ROOT / "deploy" / ".env.example").read_text(encoding="utf-8")
    missing = sorted(name for name in variables_read() if not re.search(rf"^#? ?{name}=", example, re.M))
    assert not missing, f"not in deploy/.env.example: {missing}"


def test_nginx_and_the_app_cap_requests_at_the_same_size():
    site = (ROOT / "deploy" / "nginx" / "portal-site.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    assert megabytes * 1024 * 1024 == settings.MAX_REQUEST_BODY_SIZE


def test_every_timer_has_its_service_and_runs_a_real_command():
    systemd = ROOT / "deploy" / "systemd"
    timers = sorted(systemd.glob("*.timer"))
    assert {t.stem for t in timers} >= {
        "portal-publish-scheduled", "portal-clearsessions", "portal-backup", "portal-notifications",
        "portal-search-queue",
    }  # fmt: skip
    from django.core.management import get_commands

    commands = get_commands()
    for timer in timers:
        service = (systemd / f"{timer.stem}.service").read_text()
        command = re.search(r"manage\.py (\w+)", service)
        if command:
            assert command.group(1) in commands, f"{timer.stem}: no command {command.group(1)}"
        else:
            assert "deploy/backup.sh" in service
