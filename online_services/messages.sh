#!/usr/bin/env bash
# Refresh the online-services catalogue (online_services/locale, also listed in LOCALE_PATHS) from this
# app's files, keeping the existing translations, and compile it.
set -eu
app=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$app")
cd "$app"
DJANGO_SETTINGS_MODULE=config.settings.dev PYTHONPATH="$root" "$root/.venv/bin/django-admin" makemessages -l en -e html,txt,py --no-obsolete -v0
msgfmt --check -o locale/en/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.po
grep -c '^msgstr ""$' locale/en/LC_MESSAGES/django.po | xargs -I{} echo "entries with an empty msgstr (1 is the header): {}"
