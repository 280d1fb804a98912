#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps files and functions at a size a newcomer can read: no source file
# over MAX_FILE_LINES lines, no function over MAX_FUNCTION_LINES. The build
# tool (src/core/map/tools) is left out. Functions are found the GNU way the
# project writes them: the name at the start of a line, the body's braces
# alone at the start of a line.
#
# What is too big is listed in KNOWN and reported as a TAP TODO (not a
# failure), so that the list only shrinks: anything new over the limits
# fails. The list is empty: keep it so.
#
# Usage: check-sizes.py [SRC_DIR]   (prints TAP)
#        check-sizes.py --self-test

import contextlib
import io
import os
import re
import sys
import tempfile

MAX_FILE_LINES = 1200
MAX_FUNCTION_LINES = 120
SKIPPED_DIRS = {'tools'}

# 'path' for a file, 'path:function' for a function.
KNOWN = set()

NAME = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)\s*\(')


def functions(lines):
    """Yields (name, first line, length) of each function definition."""
    i = 0
    while i < len(lines):
        if lines[i].rstrip() != '{':
            i += 1
            continue
        # The name: the closest line above starting with an identifier and
        # '(' (the return type sits on the line before it).
        j, name = i - 1, None
        while j >= 0 and i - j <= 20:
            line = lines[j]
            if line.startswith(('struct', 'typedef', 'enum', 'union', 'static const',
                                '}', '#')) or line.rstrip().endswith(('=', ';')):
                break
            match = NAME.match(line)
            if match:
                name = match.group(1)
                break
            j -= 1
        end = i + 1
        while end < len(lines) and not lines[end].startswith('}'):
            end += 1
        if name:
            yield name, j + 1, end - j + 1
        i = end + 1


def measure(src):
    """Returns {key: lines} for everything over the limits."""
    over = {}
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
        for name in sorted(filenames):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, src)
            with open(path, encoding='utf-8', errors='replace') as f:
                lines = f.read().split('\n')
            if len(lines) - 1 > MAX_FILE_LINES:
                over[rel] = len(lines) - 1
            for function, _, length in functions(lines):
                if length > MAX_FUNCTION_LINES:
                    over[f'{rel}:{function}'] = length
    return over


def report(over, known):
    """Prints TAP; returns the number of failures."""
    tests = []
    for key, length in sorted(over.items()):
        what = 'function' if ':' in key else 'file'
        limit = MAX_FUNCTION_LINES if ':' in key else MAX_FILE_LINES
        text = f'{key}: {what} of {length} lines (limit {limit})'
        tests.append((key not in known, text))
    failures = sum(1 for new, _ in tests if new)
    print(f'1..{len(tests) + 1}')
    for i, (new, text) in enumerate(tests, 1):
        print(f'not ok {i} {text}' + ('' if new else ' # TODO split it'))
    for key in sorted(set(known) - set(over)):
        print(f'# now within the limits, remove from KNOWN: {key}')
    print(f'{"not ok" if failures else "ok"} {len(tests) + 1} nothing new over the limits')
    return failures


def self_test():
    body = '\n'.join(['  x++;'] * (MAX_FUNCTION_LINES + 5))
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'long.c'), 'w') as f:
            f.write('struct _S\n{\n  int a;\n};\n\nstatic void\n'
                    f'short_one (int x)\n{{\n  x++;\n}}\n\nvoid\nlong_one (int x,\n'
                    f'          int y)\n{{\n{body}\n}}\n')
        over = measure(tmp)
        with open(os.path.join(tmp, 'big.h'), 'w') as f:
            f.write('int x;\n' * (MAX_FILE_LINES + 1))
        over_with_big = measure(tmp)
    with contextlib.redirect_stdout(io.StringIO()):
        fails_today = report(over_with_big, KNOWN) == 2
        known_is_todo = report(over_with_big, set(over_with_big)) == 0
    results = [
        ('a long function is found', 'long.c:long_one' in over),
        ('its length counts from its name to its brace',
         over.get('long.c:long_one') == MAX_FUNCTION_LINES + 9),
        ('a short function and a struct are not', len(over) == 1),
        ('a long file is found', over_with_big.get('big.h') == MAX_FILE_LINES + 1),
        ('with today\'s KNOWN list, both fail the check', fails_today),
        ('what is KNOWN is a TODO, not a failure', known_is_todo),
    ]
    print(f'1..{len(results)}')
    for i, (name, ok) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} {name}')
    return 0 if all(ok for _, ok in results) else 1


def main():
    if sys.argv[1:] == ['--self-test']:
        return self_test()
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'src')
    return 1 if report(measure(src), KNOWN) else 0


if __name__ == '__main__':
    sys.exit(main())
