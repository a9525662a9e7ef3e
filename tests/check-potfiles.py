#!/usr/bin/env python3
"""Fails when a file with translatable strings is missing from po/POTFILES.in, or when
POTFILES.in names a file that has none or does not exist, or is not sorted."""
import os
import re
import sys

root = sys.argv[1]
marks = {
    ".c": re.compile(r'\b(_|N_|C_|NC_|ngettext|g_dngettext)\s*\('),
    ".ui": re.compile(r'translatable="yes"'),
    ".in": re.compile(r'^(Name|GenericName|Comment|Keywords)=|<(name|summary|p|li|caption)>', re.M),
    ".xml": re.compile(r'<(summary|description)>'),
}

def translatable(path):
    for suffix, mark in marks.items():
        if path.endswith(suffix):
            with open(os.path.join(root, path), encoding="utf-8") as f:
                return bool(mark.search(f.read()))
    return False

found = set()
for top in ("src", "data"):
    for directory, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            path = os.path.relpath(os.path.join(directory, name), root)
            if translatable(path):
                found.add(path)

with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    listed = [line.strip() for line in f if line.strip() and not line.startswith("#")]

problems = []
problems += ["missing from POTFILES.in: " + p for p in sorted(found - set(listed))]
problems += ["listed but without translatable strings: " + p for p in sorted(set(listed) - found)]
if listed != sorted(listed):
    problems.append("POTFILES.in is not sorted")
for problem in problems:
    print(problem)
print("%d files with translatable strings, %d listed" % (len(found), len(listed)))
sys.exit(1 if problems else 0)
