#!/bin/sh
# Brings po/*.po up to date with the sources: new strings appear with an empty msgstr to
# fill in, strings no longer used go. Entries carry no "#:" locations and are sorted by
# msgid, and the header is left as it was, so that two branches which each add strings
# touch different lines and merge without conflicts (see .gitattributes).
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --package-name=most-connected-ip --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
  -f po/POTFILES.in -o "$tmp/most-connected-ip.pot"
for language in $(cat po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching --no-location --sort-output --width=100 \
    "po/$language.po" "$tmp/most-connected-ip.pot" -o "$tmp/merged.po"
  msgattrib --no-obsolete --width=100 --no-location --sort-output \
    "$tmp/merged.po" -o "$tmp/clean.po"
  # Keep the old header's creation date: msgmerge copies the template's, which would
  # make every branch change the same line.
  created=$(grep -m1 '^"POT-Creation-Date:' "po/$language.po" | sed 's/[\\&|]/\\&/g')
  sed "s|^\"POT-Creation-Date:.*|$created|" "$tmp/clean.po" > "po/$language.po"
done
