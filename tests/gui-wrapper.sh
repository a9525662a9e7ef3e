#!/bin/sh
# Runs a test on an X server of its own (Xvfb) and a D-Bus session bus of its own, so
# that window tests run in parallel and never touch the desktop they are started from.
# Xvfb picks a free display itself (-displayfd), which xvfb-run -a cannot do safely.
set -eu

dir=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$dir"' EXIT INT TERM
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$dir/display" \
  2>"$dir/xvfb.log" &
xvfb=$!
for _ in $(seq 100); do
  [ -s "$dir/display" ] && break
  sleep 0.05
done
if [ ! -s "$dir/display" ]; then
  echo "gui-wrapper: Xvfb did not start:" >&2
  cat "$dir/xvfb.log" >&2
  exit 1
fi
DISPLAY=":$(cat "$dir/display")"
export DISPLAY GDK_BACKEND=x11
# services the bus starts (the accessibility registry) print to their stdout, which
# must not mix with the test's TAP: they get stderr, the test the real stdout
dbus-run-session -- sh -c 'exec "$@" >&4 4>&-' sh "$@" 4>&1 >&2
