#!/bin/sh
# Installs the build into a scratch DESTDIR and checks that everything a desktop needs is
# where a desktop looks for it, and that the installed program runs.
set -eu
build=$1
fixture=$2
destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT

meson install -C "$build" --destdir "$destdir" --no-rebuild --quiet
prefix=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c \
  'import json, sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"][0])')
root="$destdir$prefix"
app=io.github.mostconnectedip.MostConnectedIp
status=0
for file in \
    bin/most-connected-ip \
    share/applications/$app.desktop \
    share/metainfo/$app.metainfo.xml \
    share/glib-2.0/schemas/$app.gschema.xml \
    share/icons/hicolor/scalable/apps/$app.svg \
    share/icons/hicolor/symbolic/apps/$app-symbolic.svg \
    share/locale/fr/LC_MESSAGES/most-connected-ip.mo \
    share/locale/de/LC_MESSAGES/most-connected-ip.mo; do
  if [ -f "$root/$file" ]; then
    echo "installed: $file"
  else
    echo "MISSING: $prefix/$file"
    status=1
  fi
done
extra=$(cd "$root" && find . -type f | sed 's|^\./||' | grep -v -e '^bin/most-connected-ip$' \
  -e "^share/applications/$app.desktop$" -e "^share/metainfo/$app.metainfo.xml$" \
  -e "^share/glib-2.0/schemas/$app.gschema.xml$" -e "^share/icons/hicolor/" \
  -e '^share/locale/../LC_MESSAGES/most-connected-ip.mo$' || true)
if [ -n "$extra" ]; then
  echo "unexpected files installed:"
  echo "$extra"
  status=1
fi
desktop-file-validate "$root/share/applications/$app.desktop"
"$root/bin/most-connected-ip" --json -n --proc "$fixture" | /usr/bin/python3 -c \
  'import json, sys; d = json.load(sys.stdin); assert d["schema"] == 1, d; print("installed binary: --json parses,", sum(s["connections"] for s in d["sections"]), "connections")'
exit $status
