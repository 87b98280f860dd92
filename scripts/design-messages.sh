#!/usr/bin/env bash
# Refresh the top-level catalogue (locale/) with the strings of the shared chrome only:
# templates/, core/templatetags/portal_tags.py and core/colors.py. App catalogues are their owners'.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/locale/en/LC_MESSAGES" "$tmp/core/templatetags" "$root/locale/en/LC_MESSAGES"
cp -r "$root/templates" "$tmp/"
cp "$root/core/templatetags/portal_tags.py" "$tmp/core/templatetags/"
cp "$root/core/colors.py" "$tmp/core/"
[ -f "$root/locale/en/LC_MESSAGES/django.po" ] && cp "$root/locale/en/LC_MESSAGES/django.po" "$tmp/locale/en/LC_MESSAGES/"
(cd "$tmp" && DJANGO_SETTINGS_MODULE=config.settings.dev PYTHONPATH="$root" "$root/.venv/bin/django-admin" makemessages -l en --no-location --no-obsolete -v0)
cp "$tmp/locale/en/LC_MESSAGES/django.po" "$root/locale/en/LC_MESSAGES/django.po"
msgfmt --check -o "$root/locale/en/LC_MESSAGES/django.mo" "$root/locale/en/LC_MESSAGES/django.po"
