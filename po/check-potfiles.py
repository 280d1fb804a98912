#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in (its strings would silently never reach translators), or
# when POTFILES.in names a file that does not exist (xgettext would fail).
# Usage: check-potfiles.py SOURCE_ROOT

import os
import re
import sys

MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:N?C?_|g_dn?gettext|g_dpgettext2?|ngettext)\s*\(|translatable="yes"')
SCANNED_DIRS = ('src',)
SCANNED_SUFFIXES = ('.c', '.h', '.ui')


def listed(root):
    entries = set()
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.add(line)
    return entries


def translatable(root):
    found = set()
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(SCANNED_SUFFIXES):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    if MARKERS.search(f.read()):
                        found.add(os.path.relpath(path, root))
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
    entries = listed(root)
    missing = sorted(translatable(root) - entries)
    absent = sorted(e for e in entries if not os.path.exists(os.path.join(root, e)))
    for path in missing:
        print(f'{path}: has translatable strings but is not in po/POTFILES.in')
    for path in absent:
        print(f'po/POTFILES.in: {path} does not exist')
    if missing or absent:
        return 1
    print(f'po/POTFILES.in lists all {len(entries)} files with translatable strings')
    return 0


if __name__ == '__main__':
    sys.exit(main())
