#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps the README's "How the code is laid out" section and HACKING.md true
# to the tree, so a newcomer who follows them finds what they name:
# - every path they quote (`src/...`, `data/...`, `tests/...`) exists (a
#   program's path may name its source, `tests/fuzz-load` for fuzz-load.c);
# - every source file they quote (`atlas-foo.c`, `atlas-foo.[ch]`) exists
#   somewhere under src/ or tests/ (`atlas-thing` is HACKING's placeholder);
# - every folder of src/ with its own meson.build is named in the README's
#   layout table (a new layer or feature folder must be described there).
#
# Usage: check-layout-doc.py SOURCE_ROOT   (prints TAP)
#        check-layout-doc.py --self-test

import os
import re
import sys
import tempfile

DOCS = ('README.md', 'HACKING.md')
ROOTS = ('src/', 'data/', 'tests/', 'icons/', 'po/', 'flatpak/', '.ci/')
LAYOUT_HEADING = '## How the code is laid out'
QUOTED = re.compile(r'`([^`\s]+)`')
SOURCE_NAME = re.compile(r'^(atlas-[a-z0-9-]+)\.(\[[a-z]+\]|[a-z]+)$')
PLACEHOLDERS = ('atlas-thing', 'atlas-foo')
SKIPPED_DIRS = {'tools', '_build', '.git'}


def expand(path):
    """`a/atlas-x.[ch]` -> [a/atlas-x.c, a/atlas-x.h]; others as they are."""
    match = re.match(r'^(.*)\.\[([a-z]+)\]$', path)
    if not match:
        return [path]
    return [f'{match.group(1)}.{ext}' for ext in match.group(2)]


def file_names(root):
    names = set()
    for sub in ('src', 'tests'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, sub)):
            dirnames[:] = [d for d in dirnames if d not in SKIPPED_DIRS]
            names.update(filenames)
    return names


def layout_section(text):
    start = text.find(LAYOUT_HEADING)
    if start < 0:
        return None
    end = text.find('\n## ', start + len(LAYOUT_HEADING))
    return text[start:] if end < 0 else text[start:end]


def problems(root):
    """Yields (doc, what is wrong) for each quote that does not match the tree."""
    names = file_names(root)
    for doc in DOCS:
        with open(os.path.join(root, doc), encoding='utf-8') as f:
            text = f.read()
        for quoted in sorted(set(QUOTED.findall(text))):
            if quoted.startswith(ROOTS):
                for path in expand(quoted):
                    full = os.path.join(root, path.rstrip('/'))
                    if not (os.path.exists(full) or os.path.exists(full + '.c')):
                        yield doc, f'names {path}, which is not in the tree'
            elif SOURCE_NAME.match(quoted) and not quoted.startswith(PLACEHOLDERS):
                for name in expand(quoted):
                    if name not in names:
                        yield doc, f'names {name}, which is in no folder of src/ or tests/'
    with open(os.path.join(root, 'README.md'), encoding='utf-8') as f:
        layout = layout_section(f.read())
    if layout is None:
        yield 'README.md', f'has no "{LAYOUT_HEADING[3:]}" section'
        return
    src = os.path.join(root, 'src')
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
        rel = os.path.relpath(dirpath, root) + '/'
        if rel != 'src/' and 'meson.build' in filenames and f'`{rel}' not in layout:
            yield 'README.md', f'the layout section does not describe {rel}'


def run(root):
    found = list(problems(root))
    print(f'1..{len(found) + 1}')
    for i, (doc, what) in enumerate(found, 1):
        print(f'not ok {i} {doc} {what}')
    print(f'{"not ok" if found else "ok"} {len(found) + 1} the layout docs match the tree')
    return 1 if found else 0


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        for folder in ('src/core/model', 'src/core/io', 'tests'):
            os.makedirs(os.path.join(tmp, folder))
            with open(os.path.join(tmp, folder, 'meson.build'), 'w') as f:
                f.write('')
        for name in ('src/core/model/atlas-entries.c', 'src/core/model/atlas-entries.h',
                     'tests/fuzz-load.c'):
            open(os.path.join(tmp, name), 'w').close()
        with open(os.path.join(tmp, 'HACKING.md'), 'w') as f:
            f.write('`atlas-thing.c` `src/core/model/atlas-entries.[ch]` `tests/fuzz-load`\n')
        readme = ('# X\n\n' + LAYOUT_HEADING + '\n\n| `src/core/model/` | `atlas-entries.c` |\n'
                  '| `src/core/io/` | `atlas-json-reader.c` |\n\n## Tests\n\n`src/core/io/`\n')
        with open(os.path.join(tmp, 'README.md'), 'w') as f:
            f.write(readme)
        found = [what for _, what in problems(tmp)]
        expected = ['names atlas-json-reader.c, which is in no folder of src/ or tests/']
        if found != expected:
            print('1..1\nnot ok 1 self-test: a missing file is caught, nothing else: got', found)
            return 1
        os.makedirs(os.path.join(tmp, 'src/gui'))
        open(os.path.join(tmp, 'src/gui/meson.build'), 'w').close()
        open(os.path.join(tmp, 'src/core/io/atlas-json-reader.c'), 'w').close()
        with open(os.path.join(tmp, 'HACKING.md'), 'a') as f:
            f.write('`src/core/gone/`\n')
        found = [what for _, what in problems(tmp)]
        expected = ['names src/core/gone/, which is not in the tree',
                    'the layout section does not describe src/gui/']
        if found != expected:
            print('1..1\nnot ok 1 self-test: a missing path and an undescribed folder are caught: got',
                  found)
            return 1
    print('1..1\nok 1 self-test: missing files, paths and undescribed folders are caught')
    return 0


if __name__ == '__main__':
    if len(sys.argv) == 2 and sys.argv[1] == '--self-test':
        sys.exit(self_test())
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else '.'))
