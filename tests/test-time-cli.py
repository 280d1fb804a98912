#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time on the command line, through the real binary and with no display:
`--export FORMAT --as-of DATE`, `--changes FROM[..TO]` in each format,
`--export pdf --since DATE`, and bad dates refused with exit 1 and nothing
written.

tests/data/history.json: Brazil joins the Budapest Convention in two steps
(2015-03-01 signatory, 2018-07-08 party; that entry's source looks like a
spreadsheet formula) and rewrites its assessment (2016-01-01), Canada steps
back (2017-02-02), Japan is added (2017-05-05); as_of 2020-12-31.

Usage: test-time-cli.py CYBER_ATLAS SOURCE_ROOT (prints TAP)."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

cyber_atlas, source_root = sys.argv[1], sys.argv[2]
history = os.path.join(source_root, 'tests', 'data', 'history.json')

results = []


def check(name, condition, detail=''):
    results.append((name, bool(condition), detail))


def run(*args):
    env = dict(os.environ)
    for key in ('DISPLAY', 'WAYLAND_DISPLAY'):
        env.pop(key, None)
    env['LC_ALL'] = 'C.UTF-8'
    env['LANGUAGE'] = 'en'
    proc = subprocess.run([cyber_atlas, *args], env=env, capture_output=True, timeout=120)
    return proc.returncode, proc.stdout.decode('utf-8'), proc.stderr.decode('utf-8')


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text, newline='')))


with tempfile.TemporaryDirectory() as tmp:
    # --changes, CSV on stdout by default: every change after FROM, in date order
    status, out, err = run('--changes', '2014-01-01', history)
    rows = rows_of(out)
    check('changes: exit 0', status == 0, err)
    check('changes: header', out.split('\r\n')[0] ==
          'date,partner_id,partner_name,field,old_id,new_id,old_name,new_name,direction,source', out)
    check('changes: five rows in date order',
          [r['date'] for r in rows] == ['2015-03-01', '2016-01-01', '2017-02-02', '2017-05-05',
                                        '2018-07-08'], out)
    check('changes: improvement on an ordered lens',
          rows and rows[0]['partner_id'] == 'BR' and rows[0]['old_id'] == 'non-party' and
          rows[0]['new_id'] == 'signatory' and rows[0]['old_name'] == 'Non-party' and
          rows[0]['new_name'] == 'Signatory' and rows[0]['direction'] == 'up' and
          rows[0]['source'] == 'https://example.org/a', rows[:1])
    check('changes: setback', len(rows) > 2 and rows[2]['direction'] == 'down', rows)
    check('changes: not a lens: changed, no ids',
          len(rows) > 1 and rows[1]['field'] == 'assessment' and rows[1]['direction'] == 'changed'
          and rows[1]['old_id'] == '' and rows[1]['new_name'] == 'Now.', rows)
    check('changes: formula cell neutralized',
          len(rows) > 4 and rows[4]['source'] == '\'=HYPERLINK("https://evil.example")', rows)

    # (FROM, TO]: FROM's own changes are out, TO's in
    status, out, err = run('--changes', '2015-03-01..2017-02-02', history)
    check('changes span: (from, to]', status == 0 and
          [r['date'] for r in rows_of(out)] == ['2016-01-01', '2017-02-02'], out + err)

    # Backwards: the same changes undone, newest first
    status, out, err = run('--changes', '2017-02-02..2015-03-01', history)
    back = rows_of(out)
    check('changes backwards', status == 0 and [r['date'] for r in back] ==
          ['2017-02-02', '2016-01-01'] and back[0]['old_id'] == 'non-party' and
          back[0]['new_id'] == 'party' and back[0]['direction'] == 'up', out + err)

    # JSON and Markdown, to a file
    out_json = os.path.join(tmp, 'changes.json')
    status, out, err = run('--changes', '2016-12-31', '--format', 'json', '--output', out_json,
                           history)
    with open(out_json, encoding='utf-8') as f:
        data = json.load(f)
    check('changes json: to a file', status == 0 and out == '', err)
    check('changes json: objects with every column',
          len(data) == 3 and data[0]['partner_name'] == 'Canada' and data[1]['field'] == 'partner'
          and data[1]['old_name'] is None and data[2]['direction'] == 'up', data)

    status, out, err = run('--changes', '2016-12-31', '--format', 'markdown', history)
    lines = out.splitlines()
    check('changes markdown: heading and table',
          status == 0 and lines[0] == '# Changes after 2016-12-31, up to 2020-12-31' and
          lines[2].startswith('| date | partner\\_id |') and len(lines) == 7, out)

    # Bad dates: exit 1, a message naming the date, nothing written, an
    # existing file left as it was
    kept = os.path.join(tmp, 'kept.csv')
    with open(kept, 'w') as f:
        f.write('old contents')
    for bad, words in (('2015-02-30', 'not a date'), ('15-07-08', 'not a date'),
                       ('2021-01-01', 'after the dataset')):
        status, out, err = run('--changes', bad, '--output', kept, history)
        with open(kept) as f:
            check('changes %s: refused, file kept' % bad,
                  status == 1 and bad in err and words in err and f.read() == 'old contents',
                  err)
        target = os.path.join(tmp, 'as-of-%s.json' % bad)
        status, out, err = run('--export', 'json', '--as-of', bad, '--output', target, history)
        check('export --as-of %s: refused, nothing written' % bad,
              status == 1 and bad in err and not os.path.exists(target), err)
    status, out, err = run('--changes', '2015-01-01..2022-01-01', history)
    check('changes: TO after as_of refused', status == 1 and out == '' and 'TO' in err, err)
    status, out, err = run('--changes', 'soon', history)
    check('changes: not a date', status == 1 and out == '', err)
    status, out, err = run('--changes', '2015-01-01', '--format', 'xml', history)
    check('changes: unknown format', status == 1 and 'xml' in err, err)

    # --export json --as-of: a valid dataset whose history stops at the date
    then = os.path.join(tmp, 'then.json')
    status, out, err = run('--export', 'json', '--as-of', '2016-06-30', '--output', then, history)
    check('export json as of: exit 0', status == 0, err)
    status, out, err = run('--validate', then)
    check('export json as of: validates', status == 0, out + err)
    with open(then, encoding='utf-8') as f:
        data = json.load(f)
    partners = {p['id']: p for p in data['partners']}
    check('export json as of: as_of is the date', data['as_of'] == '2016-06-30', data['as_of'])
    check('export json as of: values of the date',
          partners['BR']['indicators']['budapest'] == 'signatory' and
          partners['CA']['indicators']['budapest'] == 'party' and
          partners['BR']['assessment'] == 'Now.', partners)
    check('export json as of: history stops at the date',
          [h['date'] for h in partners['BR']['history']] == ['2015-03-01', '2016-01-01'] and
          partners['CA']['history'] == [], partners['BR']['history'])
    check('export json as of: partners not yet added are left out', 'JP' not in partners,
          list(partners))

    # CSV and GeoJSON say the date
    status, out, err = run('--export', 'csv', '--as-of', '2015-12-31', '--output', '-', history)
    rows = rows_of(out)
    check('export csv as of', status == 0 and all(r['as_of'] == '2015-12-31' for r in rows) and
          rows[0]['budapest'] == 'signatory' and len(rows) == 2, out + err)
    geo = os.path.join(tmp, 'then.geojson')
    status, out, err = run('--export', 'geojson', '--as-of', '2015-02-28', '--output', geo, history)
    with open(geo, encoding='utf-8') as f:
        features = json.load(f)['features']
    brazil = next(f for f in features if f['properties']['id'] == 'BR')
    check('export geojson as of', status == 0 and brazil['properties']['as_of'] == '2015-02-28'
          and brazil['properties']['budapest'] == 'non-party', brazil['properties'])

    # A partner removed in its history (Canada, 2019-09-09) is in no export at
    # the latest state, but in those as of a date before, and kept in JSON
    with open(history, encoding='utf-8') as f:
        data = json.load(f)
    canada = next(p for p in data['partners'] if p['id'] == 'CA')
    canada['history'].append({'date': '2019-09-09', 'field': 'partner', 'old': 'listed',
                              'new': None, 'source': 'https://example.org/gone'})
    removed = os.path.join(tmp, 'removed.json')
    with open(removed, 'w', encoding='utf-8') as f:
        json.dump(data, f)
    status, out, err = run('--validate', removed)
    check('removed partner: the file validates', status == 0, out + err)
    status, out, err = run('--export', 'csv', '--output', '-', removed)
    check('removed partner: not in the latest CSV', status == 0 and
          [r['id'] for r in rows_of(out)] == ['BR', 'JP'], out + err)
    status, out, err = run('--export', 'csv', '--as-of', '2019-09-08', '--output', '-', removed)
    check('removed partner: in the CSV the day before', status == 0 and
          [r['id'] for r in rows_of(out)] == ['BR', 'CA', 'JP'], out + err)
    geo = os.path.join(tmp, 'removed.geojson')
    status, out, err = run('--export', 'geojson', '--output', geo, removed)
    with open(geo, encoding='utf-8') as f:
        ids = [feature['properties']['id'] for feature in json.load(f)['features']]
    check('removed partner: not in the latest GeoJSON', status == 0 and 'CA' not in ids and
          'BR' in ids, ids)
    status, out, err = run('--export', 'json', '--output', '-', removed)
    check('removed partner: kept in a JSON export, with its removal', status == 0 and
          any(p['id'] == 'CA' and p['history'][-1]['new'] is None
              for p in json.loads(out)['partners']), out[:400] + err)
    status, out, err = run('--changes', '2019-01-01', removed)
    check('removed partner: the removal is a change', status == 0 and
          [(r['partner_id'], r['field'], r['old_name'], r['new_name']) for r in rows_of(out)] ==
          [('CA', 'partner', 'listed', '')], out + err)

    # The PDF briefing names the date on its cover
    if shutil.which('pdftotext'):
        pdf = os.path.join(tmp, 'then.pdf')
        status, out, err = run('--export', 'pdf', '--as-of', '2016-06-30', '--output', pdf, history)
        text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True).stdout.decode('utf-8')
        check('export pdf as of: the date in the briefing', status == 0 and '30 June 2016' in text,
              err + text[:400])

    # --since: the briefing ends with the changes since the date, with their sources
    if shutil.which('pdftotext'):
        pdf = os.path.join(tmp, 'since.pdf')
        status, out, err = run('--export', 'pdf', '--since', '2016-01-01', '--output', pdf, history)
        text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True).stdout.decode('utf-8')
        annex = text[text.find('Changes since 1 January 2016'):]
        check('export pdf since: the section', status == 0 and 'Changes since 1 January 2016' in text,
              err + text[-800:])
        check('export pdf since: the changes after the date, with their sources',
              '2 February 2017' in annex and '5 May 2017' in annex and '8 July 2018' in annex and
              'https://example.org/e' in annex and '1 March 2015' not in annex, annex[:1500])
        pdf = os.path.join(tmp, 'since-as-of.pdf')
        status, out, err = run('--export', 'pdf', '--since', '2016-01-01', '--as-of', '2017-06-30',
                               '--output', pdf, history)
        text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True).stdout.decode('utf-8')
        annex = text[text.find('Changes since 1 January 2016'):]
        check('export pdf since, as of: up to the date shown', status == 0 and
              '2 February 2017' in annex and '8 July 2018' not in annex, err + annex[:1500])
        pdf = os.path.join(tmp, 'since-none.pdf')
        status, out, err = run('--export', 'pdf', '--since', '2020-12-31', '--output', pdf, history)
        text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True).stdout.decode('utf-8')
        check('export pdf since: no change says so', status == 0 and
              'No dated change after 31 December 2020' in ' '.join(text.split()), err + text[-600:])
    for args, why in ((['--export', 'csv', '--since', '2016-01-01'], 'not a briefing'),
                      (['--export', 'pdf', '--since', '2021-01-01'], 'after as_of'),
                      (['--export', 'pdf', '--since', '2016-02-30'], 'not a date'),
                      (['--export', 'pdf', '--since', '2016-01-01', '--as-of', '2015-12-31'],
                       'after the date shown')):
        target = os.path.join(tmp, 'refused.out')
        status, out, err = run(*args, '--output', target, history)
        check('export since refused: ' + why, status == 1 and err.strip() != '' and
              not os.path.exists(target), err)

print('1..%d' % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print('%s %d %s' % ('ok' if ok else 'not ok', i, name))
    if not ok:
        for line in str(detail).splitlines()[:20]:
            print('# ' + line)
