#!/usr/bin/env bash
# Refresh one app's English catalogue (<app>/locale/en/LC_MESSAGES/django.po) from that app's own files,
# keeping its existing translations, and compile it:   bash scripts/messages.sh APP [COMPENDIUM.po]
# COMPENDIUM (e.g. `msgcat --use-first` of the old catalogues) fills, by exact msgctxt/msgid/msgid_plural,
# the strings new to this catalogue (strings that moved in from another app), plurals included, and
# replaces makemessages' fuzzy guesses when it has the exact string. The top-level locale/ (templates/,
# portal_tags.py, colors.py) is refreshed by scripts/design-messages.sh instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app=${1:?usage: scripts/messages.sh APP [COMPENDIUM.po]}
compendium=${2:-}
[ -f "$root/$app/apps.py" ] || { echo "no app $app in $root" >&2; exit 1; }
po="$root/$app/locale/en/LC_MESSAGES/django.po"
# Without <app>/locale, makemessages would write into LOCALE_PATHS[0] (the top-level catalogue).
mkdir -p "$root/$app/locale/en/LC_MESSAGES"
cd "$root/$app"
DJANGO_SETTINGS_MODULE=config.settings.dev PYTHONPATH="$root" "$root/.venv/bin/django-admin" makemessages -l en -e html,txt,py --no-obsolete -v0
"$root/.venv/bin/python" - "$po" "$compendium" <<'PY'
import sys
import polib

po = polib.pofile(sys.argv[1], wrapwidth=79)
po.metadata["Language"] = "en"
known = {}
if sys.argv[2]:
    for e in polib.pofile(sys.argv[2]):
        if e.translated() and not e.obsolete:
            known[(e.msgctxt, e.msgid, e.msgid_plural)] = e
filled = 0
for e in po:
    if e.obsolete or (e.translated() and "fuzzy" not in e.flags):
        continue
    src = known.get((e.msgctxt, e.msgid, e.msgid_plural))
    if src is None:
        continue
    e.msgstr, e.msgstr_plural = src.msgstr, dict(src.msgstr_plural)
    if "fuzzy" in e.flags:
        e.flags.remove("fuzzy")
    e.previous_msgctxt = e.previous_msgid = e.previous_msgid_plural = None
    filled += 1
po.save()
if sys.argv[2]:
    print(f"{sys.argv[1]}: {filled} filled from the compendium")
PY
msgattrib --no-obsolete -o "$po" "$po"
msgfmt --check --statistics -o "${po%.po}.mo" "$po" 2>&1 | grep -v "initial default value" | sed "s/^/$app: /"
