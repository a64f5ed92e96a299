#!/usr/bin/env bash
# The web tests (tests/Dyad.Web.Tests) drive Debian's Chromium through Playwright for .NET (its
# executable path set: Playwright never downloads a browser). This installs the package when it is
# missing. Without root it only says so: the browser tests then skip with that reason.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium.sh: /usr/bin/chromium is missing and this is not root: the browser tests will skip"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
echo "chromium.sh: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
