#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The bundled dataset, brought up to date through its history, is still the
2014 paper as of 2014-06-30: `cyber-atlas --export json --as-of 2014-06-30`
gives every indicator, dialogue, agreement, document and assessment of
tests/data/paper-2014.json (the bundled dataset as it stood before issue 9),
and the subject's members of then. Also checks a date after the last change
gives today's values.

Usage: test-as-of-paper.py CYBER_ATLAS SOURCE_ROOT (prints TAP)."""

import json
import os
import subprocess
import sys
import tempfile

cyber_atlas, source_root = sys.argv[1], sys.argv[2]
paper_path = os.path.join(source_root, 'tests', 'data', 'paper-2014.json')
bundled_path = os.path.join(source_root, 'data', 'dataset.json')
FIELDS = ('indicators', 'dialogues', 'agreements', 'documents', 'assessment')


def export_as_of(date, out):
    env = dict(os.environ, LC_ALL='C')
    for key in ('DISPLAY', 'WAYLAND_DISPLAY'):
        env.pop(key, None)
    return subprocess.run([cyber_atlas, '--export', 'json', '--as-of', date, '--output', out,
                           bundled_path], env=env, capture_output=True, text=True, timeout=120)


with open(paper_path, encoding='utf-8') as f:
    paper = json.load(f)
with open(bundled_path, encoding='utf-8') as f:
    bundled = json.load(f)

with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, 'as-of.json')
    proc = export_as_of('2014-06-30', out)
    if proc.returncode != 0 and '--as-of' in proc.stderr and not os.path.exists(out):
        # The option comes with the time features (issue 8).
        print('1..0 # SKIP cyber-atlas has no --as-of yet: ' + proc.stderr.strip().splitlines()[-1])
        sys.exit(0)

    results = []
    results.append(('export --as-of 2014-06-30 succeeds', proc.returncode == 0, proc.stderr))
    then = {}
    if proc.returncode == 0:
        with open(out, encoding='utf-8') as f:
            then = json.load(f)

    by_id = {p['id']: p for p in then.get('partners', [])}
    results.append(('the same partners as the paper',
                    sorted(by_id) == sorted(p['id'] for p in paper['partners']), sorted(by_id)))
    for p in paper['partners']:
        q = by_id.get(p['id'], {})
        for field in FIELDS:
            results.append(('%s %s as in the paper' % (p['id'], field), q.get(field) == p[field],
                            'paper: %r\nas of: %r' % (p[field], q.get(field))))
    results.append(('the members of mid-2014 (the United Kingdom among them)',
                    sorted(then.get('subject', {}).get('members', [])) ==
                    sorted(paper['subject']['members']), then.get('subject')))

    # After the last change: today's values.
    later = os.path.join(tmp, 'later.json')
    proc = export_as_of(bundled['as_of'], later)
    results.append(('export --as-of as_of succeeds', proc.returncode == 0, proc.stderr))
    if proc.returncode == 0:
        with open(later, encoding='utf-8') as f:
            now = {p['id']: p for p in json.load(f)['partners']}
        for p in bundled['partners']:
            for field in FIELDS:
                results.append(('%s %s today' % (p['id'], field),
                                now.get(p['id'], {}).get(field) == p[field], ''))

print('1..%d' % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok:
        for line in str(detail).splitlines()[:20]:
            print('# ' + line)
