#!/usr/bin/env bash
# Refresh the online-services catalogue (procedures/services/locale, listed in LOCALE_PATHS) from the
# online-services files only, keeping the existing translations. Running makemessages inside procedures/
# assigns the files outside procedures/services/ to procedures/locale instead: use this script for these.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/locale/en/LC_MESSAGES" "$tmp/templates"
cp -r "$root/procedures/services" "$root/procedures/models/services.py" "$root/procedures/service_views.py" \
  "$root/procedures/service_urls.py" "$root/procedures/service_hooks.py" "$root/procedures/demo_services.py" \
  "$root/procedures/templatetags/online_services.py" "$tmp/"
rm -rf "$tmp/services/locale"
cp -r "$root/procedures/templates/procedures/services" "$root/procedures/templates/procedures/includes/online_service_link.html" "$tmp/templates/"
cp "$root/procedures/services/locale/en/LC_MESSAGES/django.po" "$tmp/locale/en/LC_MESSAGES/"
(cd "$tmp" && DJANGO_SETTINGS_MODULE=config.settings.dev PYTHONPATH="$root" "$root/.venv/bin/django-admin" makemessages -l en -e html,txt,py --no-obsolete -v0)
cp "$tmp/locale/en/LC_MESSAGES/django.po" "$root/procedures/services/locale/en/LC_MESSAGES/django.po"
msgfmt --check -o "$root/procedures/services/locale/en/LC_MESSAGES/django.mo" "$root/procedures/services/locale/en/LC_MESSAGES/django.po"
grep -c '^msgstr ""$' "$root/procedures/services/locale/en/LC_MESSAGES/django.po" | xargs -I{} echo "entries with an empty msgstr (1 is the header): {}"
