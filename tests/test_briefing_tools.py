#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The PDF briefing and the partner fiches, read back by poppler's pdfinfo
# (tagging, structure tree, page count) and pdftotext (the order of sections,
# the at-a-glance matrix, words per page), and the raw file for what poppler
# does not print (the document language, the figures' alternative text).
#
# usage: test_briefing_tools.py CYBER_ATLAS SOURCE_ROOT (prints TAP)

import datetime
import json
import os
import re
import sys
import tempfile
import unittest

import test_export_tools as tools
from test_export_tools import normalize, run_app, tool, bundled


def pages_of(path):
    return int(re.search(r'^Pages:\s+(\d+)', tool('pdfinfo', path), re.M).group(1))


def page_text(path, first, last=None):
    return tool('pdftotext', '-enc', 'UTF-8', '-f', str(first), '-l', str(last or first), path, '-')


def category_name(data, lens, partner):
    cid = partner['indicators'].get(lens['id'])
    for category in lens['categories']:
        if category['id'] == cid:
            return category['name']
    return 'No data'


def pdf_text_strings(raw, key):
    '''The text strings after /KEY in a PDF, hexadecimal UTF-16 or literal.'''
    found = []
    for m in re.finditer(rb'/' + key + rb'\s*(<FEFF([0-9A-Fa-f]*)>|\(([^)]*)\))', raw):
        if m.group(2) is not None:
            found.append(bytes.fromhex(m.group(2).decode()).decode('utf-16-be'))
        else:
            found.append(m.group(3).decode('latin-1'))
    return found


class BriefingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix='atlas-briefing-')
        cls.data = bundled()
        # The names shown: iso-codes' common name, or its name (English here)
        with open('/usr/share/iso-codes/json/iso_3166-1.json', encoding='utf-8') as f:
            countries = {c['alpha_2']: c.get('common_name', c['name']) for c in json.load(f)['3166-1']}
        for partner in cls.data['partners']:
            partner['shown'] = countries.get(partner['id'], partner['name'])
        cls.names = sorted(p['shown'] for p in cls.data['partners'])
        as_of = datetime.date.fromisoformat(cls.data['as_of'])
        cls.date = f'{as_of.day} {as_of:%B %Y}'
        cls.briefing = os.path.join(cls.tmp.name, 'briefing.pdf')
        run_app('--export', 'pdf', '--paper', 'a4', '--output', cls.briefing)
        cls.text = normalize(tool('pdftotext', '-enc', 'UTF-8', cls.briefing, '-'))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def sections(self, text, names):
        '''Each partner's section (name -> text), in the order found.'''
        starts = []
        for name in names:
            m = re.search(re.escape(name) + r' Assessment ', text)
            self.assertIsNotNone(m, f'no section for {name}')
            starts.append((m.start(), name))
        starts.sort()
        result = {}
        for i, (start, name) in enumerate(starts):
            end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
            result[name] = text[start:end]
        return [name for _, name in starts], result

    def test_tagged(self):
        info = tool('pdfinfo', self.briefing)
        self.assertRegex(info, r'Tagged:\s+yes')
        self.assertRegex(info, r'Title:\s+' + re.escape(self.data['title']))
        tree = tool('pdfinfo', '-struct', self.briefing)
        elements = set(line.strip().split()[0] for line in tree.splitlines() if line.strip())
        for element in ('Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD', 'Figure'):
            self.assertIn(element, elements)
        self.assertEqual(tree.splitlines()[0].strip(), 'Document')
        # The headings are the partners' names and the sections' names.
        text = tool('pdfinfo', '-struct-text', self.briefing)
        for name in self.names:
            self.assertRegex(text, r'H1 \(block\)\n\s+"' + re.escape(name) + '"')
        raw = open(self.briefing, 'rb').read()
        self.assertEqual(pdf_text_strings(raw, b'Lang'), ['en'])
        alts = pdf_text_strings(raw, b'Alt')
        self.assertEqual(len(alts), 1)
        lens = self.data['lenses'][0]
        self.assertIn(lens['name'], alts[0])
        for partner in self.data['partners']:
            self.assertIn(partner['shown'], alts[0])

    def test_matrix(self):
        text = page_text(self.briefing, 1, 2)
        flat = normalize(text)
        self.assertIn(f'At a glance, as of {self.date}', flat)
        self.assertIn('alphabetical order', flat)
        for lens in self.data['lenses']:
            self.assertIn(lens['name'], flat)
        layout = tool('pdftotext', '-layout', '-enc', 'UTF-8', '-f', '1', '-l', '2', self.briefing, '-')
        lines = layout.splitlines()
        start = next(i for i, line in enumerate(lines) if line.strip().startswith('At a glance'))
        # Up to the table after it (overdue dialogues) or the first section
        end = next((i for i, line in enumerate(lines) if i > start and
                    line.strip().startswith(('Overdue dialogues', 'Assessment'))), len(lines))
        rows = lines[start:end]
        for partner in self.data['partners']:
            first_word = partner['shown'].split()[0]
            row = next((r for r in rows if re.match(re.escape(partner['shown']) + r'\s{2,}', r.strip())), None)
            if row is None:
                # A long name wraps: its first word starts the row
                row = next((r for r in rows if re.match(re.escape(first_word) + r'\s{2,}', r.strip())), None)
            self.assertIsNotNone(row, partner['shown'])
            cells = [c for c in re.split(r'\s{2,}', row.strip()) if c]
            if len(cells) == len(self.data['lenses']) + 1:
                cells.insert(0, partner['shown'])
            # The name, a category per lens (the first word when it wraps), the page
            self.assertEqual(len(cells), len(self.data['lenses']) + 2, row)
            for lens, cell in zip(self.data['lenses'], cells[1:]):
                expected = category_name(self.data, lens, partner)
                self.assertTrue(expected.startswith(cell.rstrip('-')), f'{partner["id"]} {lens["id"]}: {cell}')
            self.assertRegex(cells[-1], r'^\d+$')

    def matrix_words(self, path):
        '''The words of the at-a-glance matrix as pdftotext lays them out'''
        layout = tool('pdftotext', '-layout', '-enc', 'UTF-8', '-f', '1', '-l', '2', path, '-')
        lines = layout.splitlines()
        start = next(i for i, line in enumerate(lines) if line.strip().startswith('At a glance'))
        end = next((i for i, line in enumerate(lines) if i > start and
                    line.strip().startswith(('Overdue dialogues', 'Assessment'))), len(lines))
        return set(' '.join(lines[start:end]).split())

    def test_matrix_words_whole(self):
        '''No word of a partner, a lens or a category is cut or hyphenated in the
        matrix, on A4 or Letter: a line may break only between words or after
        a hyphen the name has (Multi-|stakeholder).'''
        letter = self.path('letter.pdf')
        run_app('--export', 'pdf', '--paper', 'letter', '--output', letter)
        # What the matrix shows: the partners, the lenses, each partner's category
        names = {p['shown'] for p in self.data['partners']}
        for lens in self.data['lenses']:
            names.add(lens['name'])
            names |= {category_name(self.data, lens, p) for p in self.data['partners']}
        for path in (self.briefing, letter):
            words = self.matrix_words(path)
            for name in sorted(names):
                for word in name.split():
                    parts = re.findall(r'[^-]+-?', word)
                    self.assertTrue(word in words or all(part in words for part in parts),
                                    f'{os.path.basename(path)}: “{word}” of “{name}” is cut')

    def test_sections_bottom_line_first(self):
        order, sections = self.sections(self.text, self.names)
        self.assertEqual(order, self.names)
        lens = self.data['lenses'][0]
        for partner in self.data['partners']:
            section = sections[partner['shown']]
            opening = normalize(' '.join(partner['assessment'].split()[:8]))
            chip = f'{lens["name"]}: {category_name(self.data, lens, partner)}'
            places = [section.find(opening), section.find('Indicators'), section.find(chip)]
            if partner['dialogues']:
                places.append(section.find('Dialogues'))
            if partner['agreements']:
                places.append(section.find('Agreements'))
            places.append(section.find('Last update and sources'))
            self.assertNotIn(-1, places, partner['id'])
            self.assertEqual(places, sorted(places), partner['id'])
            # Empty sections are left out
            if not partner['documents']:
                self.assertNotIn('Key documents', section)
            if not partner['agreements']:
                self.assertNotIn('Agreements', section)
            if not partner['history']:
                self.assertNotIn('History', section)
        self.assertNotIn('None recorded', self.text)
        self.assertNotIn('No changes recorded', self.text)

    def test_no_near_blank_page(self):
        pages = pages_of(self.briefing)
        for page in range(1, pages):
            words = len(page_text(self.briefing, page).split())
            self.assertGreaterEqual(words, 40, f'page {page} of {pages}')

    def test_source_line(self):
        first = normalize(page_text(self.briefing, 1))
        self.assertRegex(first, r'Source: .*' + re.escape(self.data['sources'][0]['title'].split(':')[0])
                         + r'.* · as of ' + re.escape(self.date))

    def test_order_by_category(self):
        out = self.path('by-category.pdf')
        run_app('--export', 'pdf', '--order', 'category', '--lens', 'cooperation_depth', '--output', out)
        text = normalize(tool('pdftotext', '-enc', 'UTF-8', out, '-'))
        lens = next(l for l in self.data['lenses'] if l['id'] == 'cooperation_depth')
        rank = {c['id']: i for i, c in enumerate(lens['categories'])}
        expected = sorted(self.data['partners'],
                          key=lambda p: (rank.get(p['indicators'].get(lens['id']), 99), p['shown']))
        order, _ = self.sections(text, self.names)
        self.assertEqual(order, [p['shown'] for p in expected])
        self.assertNotEqual(order, self.names)
        self.assertIn('Partners by ' + lens['name'], text)

        result = run_app('--export', 'pdf', '--order', 'size', '--output', self.path('bad.pdf'), check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn('“size” is not an order', result.stderr)
        self.assertFalse(os.path.exists(self.path('bad.pdf')))

    def test_fiche(self):
        out = self.path('japan.pdf')
        run_app('--export', 'fiche', '--partners', 'JP', '--output', out)
        info = tool('pdfinfo', out)
        self.assertRegex(info, r'Pages:\s+1\n')
        self.assertRegex(info, r'Tagged:\s+yes')
        text = normalize(page_text(out, 1))
        japan = next(p for p in self.data['partners'] if p['id'] == 'JP')
        self.assertTrue(text.startswith(f'PARTNER FICHE · as of {self.date} Japan Assessment'), text[:80])
        self.assertIn(normalize(' '.join(japan['assessment'].split()[:8])), text)
        self.assertIn(japan['agreements'][0]['title'], text)
        self.assertNotIn('Korea', text)
        self.assertRegex(text, r'Source: .* · as of ' + re.escape(self.date))
        self.assertEqual(len(pdf_text_strings(open(out, 'rb').read(), b'Alt')), 1)

        every = self.path('fiches.pdf')
        run_app('--export', 'fiche', '--output', every)
        self.assertEqual(pages_of(every), len(self.data['partners']))
        for page, name in enumerate(self.names, start=1):
            self.assertTrue(normalize(page_text(every, page)).startswith(
                f'PARTNER FICHE · as of {self.date} {name} Assessment'), name)


if __name__ == '__main__':
    tools.APP = os.path.abspath(sys.argv[1])
    tools.SOURCE_ROOT = os.path.abspath(sys.argv[2])
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(BriefingTest)
    print(f'1..{suite.countTestCases()}', flush=True)
    result = tools.TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
