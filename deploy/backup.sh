#!/usr/bin/env bash
# Nightly backup with retention (docs/deploy.md; run by portal-backup.timer, as the portal user).
# `manage.py backup` writes a new folder (database dump, media, dossier files, SHA-256 manifest);
# it is then verified, and folders older than BACKUP_KEEP_DAYS (default 14) are deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
root=${BACKUP_ROOT:-/srv/backups}
keep=${BACKUP_KEEP_DAYS:-14}
dest="$root/$(date +%Y-%m-%dT%H%M%S)"
umask 077
mkdir -p "$root"
"$PYTHON" manage.py backup "$dest"
"$PYTHON" manage.py restore "$dest" --verify-only
# Retention: only folders this script made (named by date), older than $keep days, never the newest.
find "$root" -mindepth 1 -maxdepth 1 -type d -name '20[0-9][0-9]-*' -mtime "+$keep" ! -path "$dest" \
  -print -exec rm -rf {} +
echo "backup: $dest"
