#!/bin/sh
# Fails when a translation is not complete: every string of the sources (as POTFILES.in
# lists them) must be translated, none fuzzy, in every language of LINGUAS.
set -eu
source=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$source"
xgettext --package-name=most-connected-ip --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
  -f po/POTFILES.in -o "$tmp/most-connected-ip.pot"
status=0
for language in $(cat po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$language.po" "$tmp/most-connected-ip.pot" \
    -o "$tmp/$language.po"
  statistics=$(msgfmt --check --statistics -o /dev/null "$tmp/$language.po" 2>&1)
  echo "$language: $statistics"
  case "$statistics" in
    *untranslated*|*fuzzy*) status=1 ;;
  esac
done
exit $status
