#!/usr/bin/env bash
# One release on one app server (docs/deploy.md), from the checkout it is run in, with the
# environment of /etc/portal/portal.env (or the caller's): the database migrations, the static
# files, their compression, and the search index. `make stack` runs this same script.
#   deploy/release.sh                 every step
#   RELEASE_UPDATE_INDEX=0 deploy/release.sh   skip the full re-index (the index follows publishes)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.production}
step() {
  local t0=$SECONDS
  echo "release: $*"
  "$@"
  echo "release: $1 $2 done in $((SECONDS - t0)) s"
}
step "$PYTHON" manage.py check --deploy --fail-level ERROR
step "$PYTHON" manage.py migrate --no-input
# WhiteNoise's CompressedManifestStaticFilesStorage hashes every name and writes .gz/.br beside it;
# nginx serves them (gzip_static). django-compressor's `compress` runs only where it is installed.
step "$PYTHON" manage.py collectstatic --no-input -v0
if "$PYTHON" manage.py help compress >/dev/null 2>&1; then
  step "$PYTHON" manage.py compress --force
fi
if [ "${RELEASE_UPDATE_INDEX:-1}" != "0" ]; then
  step "$PYTHON" manage.py update_index
fi
echo "release: done"
