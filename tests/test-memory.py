#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Peak memory of the command line on a large valid file: a 64 MiB array
in a key the app does not know. Unknown values are kept as compact text,
so `--validate` and `--export json` stay under 10 times the file's size
(a tree of json-glib nodes took 40 to 100 times). Each run is a child
process whose peak resident size (ru_maxrss) is read with wait4().

And the PDF briefing of a valid dataset with long assessments and many
documents: it kept every text's Pango layout (30-60 bytes a character)
until the last page was drawn, 50-70 times the file (2.1 GB for a 56 MB
file). What each further MiB of dataset costs is measured with two
sizes, so what the app needs whatever the file (fonts, the map) and the
layouts it keeps on purpose (a few MB) cancel out.

Usage: test-memory.py CYBER_ATLAS SOURCE_ROOT (prints TAP)."""

import copy
import json
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


def briefing_dataset(path, size):
    """Writes a valid dataset of about @size bytes: ten partners with long
    assessments (paragraphs of prose) and many documents."""
    data = json.loads(text)
    words = ('cooperation dialogue security cyber partners strategic agreement capacity '
             'building norms resilience incident response confidence measures').split()
    template = data['partners'][0]
    codes = ['US', 'CN', 'JP', 'IN', 'BR', 'RU', 'ZA', 'KR', 'MX', 'CA']
    each = size // len(codes)
    partners = []
    for k, code in enumerate(codes):
        partner = copy.deepcopy(template)
        partner['id'], partner['name'] = code, f'Partner {code}'
        paragraphs, length = [], 0
        while length < each * 3 // 4:
            i = len(paragraphs)
            paragraphs.append(' '.join(words[(k * 7 + i * 3 + j * 5) % len(words)] for j in range(120)))
            length += len(paragraphs[-1]) + 2
        partner['assessment'] = '\n\n'.join(paragraphs)
        partner['documents'] = [{'title': ' '.join(words[(i + j) % len(words)] for j in range(10)) + f' {i}',
                                 'year': 1990 + i % 30, 'url': f'https://example.org/{code}/{i}'}
                                for i in range(each // 4 // 130)]
        partners.append(partner)
    data['partners'] = partners
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(data, f)
    return os.path.getsize(path) / (1024 * 1024)


# Each further MiB of dataset may cost this many MiB in the briefing: the
# dataset (about 3x), the PDF kept until it is written (about 2.5x) and
# each line's measures. Keeping the layouts cost 50 or more.
PDF_LIMIT = 20

with tempfile.TemporaryDirectory() as tmp:
    figures = []
    for size in (600 * 1024, 1200 * 1024):
        path = os.path.join(tmp, f'briefing-{size}.json')
        size_mb = briefing_dataset(path, size)
        code, mb, out = peak_mb(['--export', 'pdf', '--output', os.path.join(tmp, 'out.pdf'), path])
        check(f'--export pdf of a {size_mb:.2f} MiB dataset succeeds', code == 0, out)
        figures.append((size_mb, mb))
        print(f'# bench export-pdf-{size // 1024}kib-dataset: {mb:.0f} MB', flush=True)
    (small_mb, small_peak), (large_mb, large_peak) = figures
    slope = (large_peak - small_peak) / (large_mb - small_mb)
    check(f'the PDF briefing costs under {PDF_LIMIT} MiB for each further MiB of dataset ({slope:.1f})',
          slope < PDF_LIMIT,
          f'{small_peak:.0f} MiB for {small_mb:.2f} MiB, {large_peak:.0f} MiB for {large_mb:.2f} MiB')

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
