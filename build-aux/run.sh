#!/usr/bin/env bash
# Sets up what is missing, builds, and starts Most Connected IP from the build tree, as an
# installed copy would run: its icons (the window's, About's) and its translations are
# found there. Arguments go to the program: build-aux/run.sh --text,
# build-aux/run.sh --json --proc DIR, ... build-aux/run.sh --print-env prints the
# environment it would run the program in, and exits.
# MCI_BUILD_DIR names the build directory (default: _build).
set -euo pipefail
cd "$(dirname "$0")/.."

build=${MCI_BUILD_DIR:-_build}
build-aux/install-deps.sh
[ -f "$build/build.ninja" ] || meson setup "$build" >/dev/null
ninja -C "$build" >/dev/null
build=$(cd "$build" && pwd)

# A share directory as an installation has: the icons from the source tree, the
# catalogues the build compiled (po/LANG/LC_MESSAGES/*.mo is a locale directory's shape).
share="$build/run-share"
mkdir -p "$share"
ln -sfn "$PWD/data/icons" "$share/icons"
ln -sfn "$build/po" "$share/locale"
export XDG_DATA_DIRS="$share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export MCI_LOCALEDIR="$share/locale"
# the settings schema is compiled in the build tree; an installed copy needs no help
export GSETTINGS_SCHEMA_DIR="$build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"

if [ "${1:-}" = "--print-env" ]; then
  printf 'XDG_DATA_DIRS=%s\nMCI_LOCALEDIR=%s\nGSETTINGS_SCHEMA_DIR=%s\n' \
    "$XDG_DATA_DIRS" "$MCI_LOCALEDIR" "$GSETTINGS_SCHEMA_DIR"
  exit 0
fi
exec "$build/src/most-connected-ip" "$@"
