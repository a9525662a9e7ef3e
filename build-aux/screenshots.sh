#!/usr/bin/env bash
# Renders the README's and the metainfo's pictures from the real window, on the showcase
# capture (documentation addresses, names from a stand-in resolver): light and dark.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build >/dev/null
ninja -C _build >/dev/null
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data" GSETTINGS_BACKEND=memory GDK_DEBUG=gl-disable

shoot () {
  tests/gui-wrapper.sh _build/tests/mci-screenshot "$@" 2>/dev/null
}
group="192.0.2.10:443 ← 203.0.113.8"
shoot --expand "$group" tests/fixtures/showcase data/screenshots/main.png
shoot --expand "$group" --dark tests/fixtures/showcase data/screenshots/main-dark.png
shoot --search 443 tests/fixtures/showcase data/screenshots/search.png
shoot --look-up "127.0.0.1 → 127.0.0.1:5432" tests/fixtures/showcase data/screenshots/look-up.png
ls -l data/screenshots
