#!/bin/sh
# build-aux/run.sh runs the build tree as an installed copy would run: the catalogues
# the build compiled are used (LANGUAGE=fr prints French) and the application's icon,
# which the window and About show, is found in the icon theme.
#
#   test-run-script.sh SOURCE_ROOT BUILD_ROOT    (on a display: run through gui-wrapper.sh)
set -eu

source_root=$1
build_root=$2
app_id=io.github.mostconnectedip.MostConnectedIp
status=0

out=$(LANGUAGE=fr MCI_BUILD_DIR="$build_root" "$source_root/build-aux/run.sh" --text -n \
      --proc "$source_root/tests/fixtures/original-sample")
if printf '%s\n' "$out" | grep -q "^Connexions entrantes distantes"; then
  echo "ok: LANGUAGE=fr run.sh --text prints French"
else
  echo "FAILED: LANGUAGE=fr run.sh --text printed:"; printf '%s\n' "$out" | head -3
  status=1
fi

env_lines=$(MCI_BUILD_DIR="$build_root" "$source_root/build-aux/run.sh" --print-env)
xdg=$(printf '%s\n' "$env_lines" | sed -n 's/^XDG_DATA_DIRS=//p')
if XDG_DATA_DIRS="$xdg" /usr/bin/python3 - "$app_id" <<'PY'
import sys
import gi
gi.require_version("Gtk", "4.0")
from gi.repository import Gdk, Gtk
Gtk.init()
theme = Gtk.IconTheme.get_for_display(Gdk.Display.get_default())
sys.exit(0 if theme.has_icon(sys.argv[1]) else 1)
PY
then
  echo "ok: the application's icon is found in run.sh's environment"
else
  echo "FAILED: the icon $app_id is not found with XDG_DATA_DIRS=$xdg"
  status=1
fi
exit $status
