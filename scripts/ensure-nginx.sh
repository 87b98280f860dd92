#!/usr/bin/env bash
# Install nginx from Debian's packages when it is missing (make stack, make test-stack), with the
# ngx_cache_purge module (libnginx-mod-http-cache-purge) that empties the microcache on publish
# (deploy/nginx/portal-purge.conf). Idempotent.
# Only the binary is used: Debian's own nginx service is not started (the stack runs its own
# non-daemon nginx on high ports with scripts/stack.py's generated config).
set -euo pipefail
PURGE_MODULE=/usr/lib/nginx/modules/ngx_http_cache_purge_module.so
if { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } && [ -e "$PURGE_MODULE" ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
# policy-rc.d 101: the package's post-install must not start Debian's nginx on port 80.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends nginx libnginx-mod-http-cache-purge >/dev/null
/usr/sbin/nginx -v
