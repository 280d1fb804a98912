#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Peak memory of the command line on a large valid file: a 64 MiB array
in a key the app does not know. Unknown values are kept as compact text,
so `--validate` and `--export json` stay under 10 times the file's size
(a tree of json-glib nodes took 40 to 100 times). Each run is a child
process whose peak resident size (ru_maxrss) is read with wait4().

Usage: test-memory.py CYBER_ATLAS SOURCE_ROOT (prints TAP)."""

import os
import subprocess
import sys
import tempfile

cyber_atlas, source_root = sys.argv[1], sys.argv[2]
minimal = os.path.join(source_root, 'tests', 'data', 'minimal.json')
LIMIT = 10

results = []


def check(name, condition, detail=''):
    results.append((name, condition, detail))


def peak_mb(args):
    """Runs the app; returns (exit status, peak RSS in MiB, output)."""
    env = dict(os.environ)
    for key in ('DISPLAY', 'WAYLAND_DISPLAY'):
        env.pop(key, None)
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([cyber_atlas, *args], env=env, stdout=out, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return proc.returncode, usage.ru_maxrss / 1024, out.read().decode('utf-8', 'replace')[-500:]


if 'ASAN_OPTIONS' in os.environ:
    # Shadow memory and quarantine are not the app's.
    print('1..0 # SKIP peak memory means nothing under AddressSanitizer')
    sys.exit(0)

with open(minimal, encoding='utf-8') as f:
    text = f.read()

with tempfile.TemporaryDirectory() as tmp:
    big = os.path.join(tmp, 'big.json')
    # Just under 64 MiB in all: [1,1,...,1] under "x-big".
    head, tail = text.split('"title"', 1)
    n = (64 * 1024 * 1024 - 64 - len(text) - len('"x-big": [],\n  ')) // 2
    with open(big, 'w', encoding='utf-8') as f:
        f.write(head)
        f.write('"x-big": [')
        f.write('1,' * (n - 1))
        f.write('1],\n  "title"')
        f.write(tail)
    size_mb = os.path.getsize(big) / (1024 * 1024)

    code, mb, out = peak_mb(['--validate', big])
    check(f'--validate on {size_mb:.0f} MiB of unknown array: valid', code == 0, out)
    check(f'--validate peaks under {LIMIT}x the file ({mb:.0f} MiB)', mb < LIMIT * size_mb,
          f'{mb:.0f} MiB for {size_mb:.0f} MiB')
    print(f'# bench validate-64mib-unknown-array: {mb:.0f} MB', flush=True)

    exported = os.path.join(tmp, 'out.json')
    code, mb, out = peak_mb(['--export', 'json', '--output', exported, big])
    check('--export json of it succeeds', code == 0, out)
    check(f'--export json peaks under {LIMIT}x the file ({mb:.0f} MiB)', mb < LIMIT * size_mb,
          f'{mb:.0f} MiB for {size_mb:.0f} MiB')
    print(f'# bench export-json-64mib-unknown-array: {mb:.0f} MB', flush=True)
    if code == 0:
        with open(exported, 'rb') as f:
            f.seek(0, os.SEEK_END)
            # The array is written canonically, one element a line.
            check('the export keeps every element', f.tell() > n * 6, f'{f.tell()} bytes')

print(f'1..{len(results)}')
for i, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} {name}')
    if not ok and detail:
        print(f'# {detail}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
