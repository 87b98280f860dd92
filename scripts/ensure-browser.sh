#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; Playwright cannot download its own here.
set -eu
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null
else
  echo "Chromium is missing: run 'sudo apt-get install -y chromium'" >&2
  exit 1
fi
