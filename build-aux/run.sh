#!/usr/bin/env bash
# Sets up what is missing, builds, and starts Most Connected IP. Arguments go to the
# program: build-aux/run.sh --text, build-aux/run.sh --json --proc DIR, ...
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build >/dev/null
ninja -C _build >/dev/null
# the settings schema is compiled in the build tree; an installed copy needs no help
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec _build/src/most-connected-ip "$@"
