#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Exports of a dataset whose texts are one unbroken word of 200 000
characters (a pasted blob): the assessment, a document's title, a partner's
name, a category's name and the dataset's title. Each export (PDF briefing,
PNG, SVG) takes about what prose of that length takes; before, the PDF took
minutes (Pango wraps such a word in quadratic time) and the dataset's title
cost seconds a page (the footer's ellipsis carried it whole into the PDF).
The assessment comes back whole from pdftotext.

Usage: test-long-text.py CYBER_ATLAS SOURCE_ROOT (prints TAP)."""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

cyber_atlas, source_root = sys.argv[1], sys.argv[2]
SANITIZED = 'ASAN_OPTIONS' in os.environ
# Under AddressSanitizer the code paths run, smaller and untimed.
LENGTH = 40000 if SANITIZED else 200000
TIMEOUT = 240

results = []


def check(name, condition, detail=''):
    results.append((name, bool(condition), detail))


def checked_word(n):
    """q0000001q0000002…: letters and digits, no break opportunity, and any
    piece lost, doubled or moved shows."""
    return ''.join('q%07d' % i for i in range(1, n // 8 + 2))[:n]


def letters(n, prose=False):
    return ''.join(' ' if prose and i % 8 == 7 else chr(97 + i % 26) for i in range(n))


def dataset(prose):
    with open(os.path.join(source_root, 'data', 'dataset.json'), encoding='utf-8') as f:
        data = json.load(f)
    other = letters(LENGTH, prose)
    partner = data['partners'][0]
    if prose:
        word = checked_word(LENGTH)
        assessment = ' '.join(word[i:i + 7] for i in range(0, LENGTH, 8))
    else:
        assessment = checked_word(LENGTH)
    partner['assessment'] = 'Opens. ' + assessment + ' closes.'
    partner['name'] = other
    partner['documents'].append(dict(partner['documents'][0], title=other))
    data['title'] = other
    data['lenses'][0]['categories'][0]['name'] = other
    return data, partner['id'], assessment


def export(fmt, path, out):
    env = dict(os.environ)
    for key in ('DISPLAY', 'WAYLAND_DISPLAY'):
        env.pop(key, None)
    start = time.monotonic()
    try:
        proc = subprocess.run([cyber_atlas, '--export', fmt, '--output', out, path], env=env,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f'no result after {TIMEOUT} s'
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        return None, proc.stderr[-300:]
    return seconds, ''


with tempfile.TemporaryDirectory(prefix='atlas-long-text-') as tmp:
    times = {}
    for prose in (True, False):
        data, partner_id, assessment = dataset(prose)
        kind = 'prose' if prose else 'word'
        path = os.path.join(tmp, kind + '.json')
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(data, f, ensure_ascii=False)
        for fmt in (['pdf'] if SANITIZED else ['pdf', 'png', 'svg']):
            out = os.path.join(tmp, f'{kind}.{fmt}')
            seconds, error = export(fmt, path, out)
            check(f'{fmt} export of a {LENGTH}-character {kind} finishes', seconds is not None, error)
            if seconds is None:
                continue
            times[kind, fmt] = seconds
            print(f'# bench long-{kind}-{fmt}: {seconds * 1000:.0f} ms')
            if fmt == 'pdf' and not prose:
                text = subprocess.run(['pdftotext', '-enc', 'UTF-8', out, '-'], capture_output=True,
                                      text=True, check=True, timeout=120).stdout
                # The word's lines, in order, give it back whole; between
                # them only page furniture (footers, "… (continued)").
                start, end = text.find('Opens.'), text.find('closes.')
                segment = text[start + len('Opens.'):end] if 0 <= start < end else ''
                pieces = [line.strip() for line in segment.splitlines()
                          if re.fullmatch(r'\s*[q0-9]+\s*', line)]
                found = ''.join(pieces)
                check('the PDF holds the whole word, once, in order', found == assessment,
                      f'{len(found)} characters found of {len(assessment)}')
                check('the word is wrapped on many lines', len(pieces) > LENGTH // 150,
                      f'{len(pieces)} lines')
                check('no line of the word is wider than the column',
                      max(map(len, pieces or [''])) < 130, max(map(len, pieces or [''])))
                check('the text around it is there', 'Opens.' in text and 'closes.' in text)
                size = os.path.getsize(out)
                check('the PDF is not made of repeated copies of the long texts',
                      size < 40 * LENGTH, f'{size} bytes')
            if fmt == 'png':
                with open(out, 'rb') as f:
                    check('the PNG is an image', f.read(8) == b'\x89PNG\r\n\x1a\n')
            if fmt == 'svg':
                png = out + '.png'
                subprocess.run(['rsvg-convert', '-o', png, out], check=True, timeout=120)
                check('the SVG renders', os.path.getsize(png) > 1000)

    if not SANITIZED:
        for fmt in ('pdf', 'png', 'svg'):
            if ('word', fmt) in times and ('prose', fmt) in times:
                word, prose = times['word', fmt], times['prose', fmt]
                # Generous, for a machine shared with others.
                check(f'{fmt}: a long word costs about what prose does',
                      word < 3 * prose + 10, f'{word:.1f} s against {prose:.1f} s')

print(f'1..{len(results)}')
for i, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} {name}')
    if not ok and detail != '':
        print(f'# {detail}')
