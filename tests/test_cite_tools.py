#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Citations (`--export bibtex|ris|csl-json`) read back by tools no one here
# wrote: Debian's python3-bibtexparser, a strict RIS reader after the RIS
# specification's line format, and jsonschema with a CSL-JSON schema
# (tests/data/csl-data.schema.json).
#
# usage: test_cite_tools.py CYBER_ATLAS SOURCE_ROOT (prints TAP)

import json
import os
import re
import sys
import tempfile
import unittest

import test_export_tools as tools
from test_export_tools import run_app, bundled

RIS_LINE = re.compile(r'^([A-Z][A-Z0-9])  - (.*)$')


def parse_ris(text):
    '''Records as lists of (tag, value); fails on any line that is not a tag line.'''
    records, current = [], None
    for number, line in enumerate(text.split('\r\n'), start=1):
        if line == '':
            continue
        m = RIS_LINE.match(line)
        if not m:
            raise AssertionError(f'line {number} is not "TAG  - value": {line!r}')
        tag, value = m.groups()
        if tag == 'TY':
            if current is not None:
                raise AssertionError(f'line {number}: TY inside a record')
            current = []
        elif current is None:
            raise AssertionError(f'line {number}: {tag} outside a record')
        if tag == 'ER':
            records.append(current)
            current = None
            continue
        current.append((tag, value))
    if current is not None:
        raise AssertionError('the last record has no ER')
    return records


class CiteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix='atlas-cite-')
        cls.data = bundled()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def export(self, fmt, *args, data=None):
        out = os.path.join(self.tmp.name, f'cite-{fmt}')
        extra = []
        if data is not None:
            path = os.path.join(self.tmp.name, 'dataset.json')
            with open(path, 'w', encoding='utf-8') as f:
                json.dump(data, f, ensure_ascii=False)
            extra = [path]
        run_app('--export', fmt, '--output', out, *args, *extra)
        with open(out, encoding='utf-8', newline='') as f:
            return f.read()

    def tricky(self):
        data = bundled()
        data['title'] = 'Cyber {atlas} 100% & co_ #1 ~ ^ \\ "quoted"'
        source = data['sources'][0]
        source['author'] = 'European Commission & {High Representative}'
        source['url'] = 'https://example.org/a_b%20c?x=1&y=2'
        return data

    def test_bibtex(self):
        import bibtexparser
        from bibtexparser.bparser import BibTexParser
        for data in (None, self.tricky()):
            text = self.export('bibtex', data=data)
            expected = data or self.data
            parser = BibTexParser(common_strings=False)
            parser.ignore_nonstandard_types = False
            db = bibtexparser.loads(text, parser)
            keys = [e['ID'] for e in db.entries]
            self.assertEqual(len(db.entries), 1 + len(expected['sources']))
            self.assertEqual(len(set(keys)), len(keys))
            dataset = db.entries[0]
            self.assertEqual(dataset['ENTRYTYPE'], 'misc')
            self.assertEqual(dataset['version'], expected['as_of'])
            self.assertEqual(dataset['year'], expected['as_of'][:4])
            # Braces balance: the title parsed whole, nothing spilled into other fields
            self.assertIn('cyber', dataset['title'].lower())
            self.assertEqual(set(dataset) - {'ID', 'ENTRYTYPE'}, {'title', 'year', 'version', 'note'})
            for source, entry in zip(expected['sources'], db.entries[1:]):
                self.assertEqual(entry['ID'], source['id'])
                if source.get('year'):
                    self.assertEqual(entry['year'], str(source['year']))
                if source.get('url'):
                    self.assertIn('url', entry)
            if data is None:
                self.assertEqual(db.entries[1]['title'], self.data['sources'][0]['title'])

    def test_ris(self):
        for data in (None, self.tricky()):
            text = self.export('ris', data=data)
            expected = data or self.data
            records = parse_ris(text)
            self.assertEqual(len(records), 1 + len(expected['sources']))
            dataset = dict(records[0])
            self.assertEqual(records[0][0], ('TY', 'DATA'))
            self.assertEqual(dataset['TI'], expected['title'])
            self.assertEqual(dataset['DA'], expected['as_of'].replace('-', '/'))
            for source, record in zip(expected['sources'], records[1:]):
                fields = dict(record)
                self.assertEqual(fields['TI'], source['title'])
                self.assertEqual(fields['ID'], source['id'])
                if source.get('author'):
                    self.assertEqual(fields['AU'], source['author'])
                if source.get('url'):
                    self.assertEqual(fields['UR'], source['url'])
                else:
                    self.assertNotIn('UR', fields)

    def test_csl_json(self):
        import jsonschema
        with open(os.path.join(tools.SOURCE_ROOT, 'tests', 'data', 'csl-data.schema.json'), encoding='utf-8') as f:
            schema = json.load(f)
        for data in (None, self.tricky()):
            items = json.loads(self.export('csl-json', data=data))
            jsonschema.validate(items, schema, cls=jsonschema.Draft202012Validator)
            expected = data or self.data
            self.assertEqual(items[0]['type'], 'dataset')
            self.assertEqual(items[0]['title'], expected['title'])
            self.assertEqual(items[0]['version'], expected['as_of'])
            y, m, d = (int(x) for x in expected['as_of'].split('-'))
            self.assertEqual(items[0]['issued']['date-parts'], [[y, m, d]])
            self.assertEqual([i['id'] for i in items[1:]], [s['id'] for s in expected['sources']])
        # The schema is strict: it refuses what CSL-JSON does not have
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate([{'id': 'x', 'type': 'dataset', 'title': 't', 'year': 2014}], schema,
                                cls=jsonschema.Draft202012Validator)

    def test_partners_cite_their_works(self):
        data = bundled()
        data['sources'].append({'id': 'unused-work', 'title': 'A work nobody cites', 'author': '',
                                'year': 2020, 'url': None})
        everything = json.loads(self.export('csl-json', data=data))
        self.assertIn('unused-work', [i['id'] for i in everything])
        japan = json.loads(self.export('csl-json', '--partners', 'JP', data=data))
        self.assertNotIn('unused-work', [i['id'] for i in japan])
        cited = {s['id'] for p in data['partners'] if p['id'] == 'JP' for s in p['sources']}
        self.assertEqual({i['id'] for i in japan[1:]}, cited)


if __name__ == '__main__':
    tools.APP = os.path.abspath(sys.argv[1])
    tools.SOURCE_ROOT = os.path.abspath(sys.argv[2])
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(CiteTest)
    print(f'1..{suite.countTestCases()}', flush=True)
    result = tools.TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
