#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `cyber-atlas --export` from the command line with no display, each format
# read back by a tool no one here wrote: Python's csv module, GDAL's ogrinfo,
# jsonschema, poppler's pdfinfo/pdftotext/pdffonts, gdk-pixbuf and
# rsvg-convert. Bad arguments and failed writes exit 1 with a message and
# leave no file.
#
# usage: test_export_tools.py CYBER_ATLAS SOURCE_ROOT (prints TAP, one test
# point per test method, so meson counts each as a subtest).

import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

APP = None
SOURCE_ROOT = None


def run_app(*args, check=True):
    env = dict(os.environ)
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    env['LC_ALL'] = 'C.UTF-8'
    result = subprocess.run([APP, *args], env=env, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f'{args}: exit {result.returncode}: {result.stderr}')
    return result


def tool(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def bundled():
    with open(os.path.join(SOURCE_ROOT, 'data', 'dataset.json'), encoding='utf-8') as f:
        return json.load(f)


def normalize(text):
    text = re.sub(r'-\s*\n\s*', '-', text)
    return ' '.join(text.split())


class ExportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix='atlas-cli-export-')
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def write_dataset(self, data, name='dataset.json'):
        path = self.path(name)
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
        return path

    def test_pdf(self):
        out = self.path('briefing.pdf')
        run_app('--export', 'pdf', '--paper', 'a4', '--output', out)
        info = tool('pdfinfo', out)
        pages = int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))
        self.assertGreater(pages, 10)
        self.assertRegex(info, r'Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)')
        text = normalize(tool('pdftotext', '-enc', 'UTF-8', out, '-'))
        for partner in bundled()['partners']:
            opening = ' '.join(partner['assessment'].split()[:8])
            self.assertIn(normalize(opening), text, partner['id'])
        for name in ('United States', 'Canada', 'Mexico', 'Brazil', 'South Africa',
                     'India', 'China', 'Japan', 'South Korea'):
            self.assertIn(name, text)
        fonts = tool('pdffonts', out).splitlines()[2:]
        self.assertTrue(fonts)
        for line in fonts:
            self.assertEqual(line.split()[-5], 'yes', line)

    def test_pdf_rounds(self):
        # Dialogue rounds in the briefing: the last round in each partner's
        # dialogues table, and the overdue dialogues listed after the cover.
        out = self.path('rounds.pdf')
        run_app('--export', 'pdf', '--output', out)
        text = normalize(tool('pdftotext', '-enc', 'UTF-8', out, '-'))
        self.assertIn('Overdue dialogues, as of 31 January 2026', text)
        self.assertIn('Last round', text)
        # The EU-US cyber dialogue: annual, last met on 6 December 2023.
        self.assertIn('No round since 6 Dec 2023', text)
        self.assertIn('No round recorded', text)
        # South Korea's consultation has no frequency: its last round, not a warning.
        self.assertIn('20 May 2025, Seoul', text)

    def test_pdf_labels(self):
        # The briefing words a kind or a status as the app does (one table,
        # atlas-entries.c): "Europol operational", as in the profile.
        out = self.path('labels.pdf')
        run_app('--export', 'pdf', '--output', out)
        text = normalize(tool('pdftotext', '-enc', 'UTF-8', out, '-'))
        self.assertIn('Europol operational', text)
        self.assertNotIn('Europol (operational)', text)
        self.assertIn('Mutual legal assistance', text)

    def test_pdf_letter(self):
        out = self.path('letter.pdf')
        run_app('--export', 'pdf', '--paper', 'letter', '--partners', 'BR', '--output', out)
        info = tool('pdfinfo', out)
        self.assertRegex(info, r'Page size:\s+612 x 792 pts \(letter\)')
        text = normalize(tool('pdftotext', out, '-'))
        self.assertIn('Brazil', text)
        self.assertNotIn('Canada', text)

    def pixbuf(self, path):
        import gi
        gi.require_version('GdkPixbuf', '2.0')
        from gi.repository import GdkPixbuf
        return GdkPixbuf.Pixbuf.new_from_file(path)

    def colours(self, pixbuf):
        data = pixbuf.get_pixels()
        n = pixbuf.get_n_channels()
        stride = pixbuf.get_rowstride()
        found = {}
        for y in range(0, pixbuf.get_height(), 4):
            row = y * stride
            for x in range(0, pixbuf.get_width(), 4):
                p = row + x * n
                colour = '#%02x%02x%02x' % (data[p], data[p + 1], data[p + 2])
                found[colour] = found.get(colour, 0) + 1
        return found

    def test_png(self):
        out = self.path('map.png')
        run_app('--export', 'png', '--lens', 'wcit_2012', '--output', out)
        pixbuf = self.pixbuf(out)
        self.assertEqual((pixbuf.get_width(), pixbuf.get_height()), (1920, 1080))
        found = self.colours(pixbuf)
        data = bundled()
        lens = next(l for l in data['lenses'] if l['id'] == 'wcit_2012')
        # Every category on the map fills many pixels; the EU, which refused
        # too (its own category), is outlined in its colour around its members.
        for category in lens['categories']:
            self.assertGreater(found.get(category['color'].lower(), 0), 500, category['id'])
        self.assertEqual(data['subject']['indicators']['wcit_2012'], 'refused')
        self.assertGreater(found.get(data['subject']['color'].lower(), 0), 150)
        self.assertLess(found.get(data['subject']['color'].lower(), 0), 5000)

        big = self.path('map-4k.png')
        run_app('--export', 'png', '--size', '3840x2160', '--output', big)
        pixbuf = self.pixbuf(big)
        self.assertEqual((pixbuf.get_width(), pixbuf.get_height()), (3840, 2160))

    def test_svg(self):
        out = self.path('map.svg')
        png = self.path('map-from-svg.png')
        run_app('--export', 'svg', '--size', '1280x720', '--output', out)
        tool('rsvg-convert', '--format=png', '--output', png, out)
        pixbuf = self.pixbuf(png)
        self.assertEqual((pixbuf.get_width(), pixbuf.get_height()), (1280, 720))
        self.assertGreater(self.colours(pixbuf).get(bundled()['subject']['color'].lower(), 0), 200)

    def test_csv(self):
        data = bundled()
        data['partners'][0]['name'] = '=cmd|\' /C calc\'!A0'
        data['partners'][1]['name'] = '+1, "quoted"'
        data['partners'][2]['name'] = '-2'
        data['partners'][3]['name'] = '@SUM(A1)'
        data['partners'][4]['assessment'] = '=cmd the assessment'
        dataset = self.write_dataset(data)
        out = self.path('partners.csv')
        run_app('--export', 'csv', '--output', out, dataset)
        with open(out, 'rb') as f:
            raw = f.read()
        self.assertTrue(raw.endswith(b'\r\n'))
        self.assertNotIn(b'\n', raw.replace(b'\r\n', b''))
        with open(out, newline='', encoding='utf-8') as f:
            rows = list(csv.reader(f))
        header = rows[0]
        self.assertEqual(header[:2], ['id', 'name'])
        for lens in data['lenses']:
            self.assertIn(lens['id'], header)
            self.assertIn(lens['id'] + '_name', header)
        self.assertEqual(header[-8:], ['documents', 'dialogues', 'agreements', 'rounds',
                                       'last_round', 'overdue_dialogues', 'updated', 'as_of'])
        self.assertEqual(len(rows), 11)
        names = {row[0]: row[1] for row in rows[1:]}
        self.assertEqual(names['US'], '\'=cmd|\' /C calc\'!A0')
        self.assertEqual(names['CA'], '\'+1, "quoted"')
        self.assertEqual(names['MX'], '\'-2')
        self.assertEqual(names['BR'], '\'@SUM(A1)')
        self.assertEqual(names['ZA'], 'South Africa')
        for row in rows[1:]:
            record = dict(zip(header, row))
            partner = next(p for p in data['partners'] if p['id'] == record['id'])
            self.assertEqual(int(record['dialogues']), len(partner['dialogues']))
            self.assertEqual(record['updated'], partner['updated'])
            for lens in data['lenses']:
                self.assertEqual(record[lens['id']], partner['indicators'].get(lens['id'], ''))

    def test_geojson(self):
        out = self.path('outlines.geojson')
        run_app('--export', 'geojson', '--output', out)
        summary = tool('ogrinfo', '-ro', '-al', '-so', out)
        self.assertRegex(summary, r'Feature Count: 10\b')
        self.assertIn('Geometry: Multi Polygon', summary)
        for field in ('id: String', 'name: String', 'cooperation_depth: String',
                      'cooperation_depth_name: String', 'internet_governance_name: String'):
            self.assertIn(field, summary)
        for field in ('rounds: Integer', 'last_round: String', 'overdue_dialogues: String'):
            self.assertIn(field, summary)
        full = tool('ogrinfo', '-ro', '-al', '-geom=NO', '-where', "id = 'RU'", out)
        self.assertIn('name (String) = Russia', full)
        self.assertIn('cooperation_depth_name (String) = Confidence-building', full)
        # Dialogue rounds as GIS columns: South Korea's three, the last in Seoul.
        korea = tool('ogrinfo', '-ro', '-al', '-geom=NO', '-where', "id = 'KR'", out)
        self.assertIn('rounds (Integer) = 3', korea)
        self.assertIn('last_round (String) = 2025-05-20', korea)
        with open(out, encoding='utf-8') as f:
            collection = json.load(f)
        self.assertEqual([f['id'] for f in collection['features']],
                         [p['id'] for p in bundled()['partners']])

    def test_json(self):
        out = self.path('profiles.json')
        run_app('--export', 'json', '--output', out)
        schema = os.path.join(SOURCE_ROOT, 'data', 'dataset.schema.json')
        subprocess.run(['/usr/bin/python3', '-m', 'jsonschema', '-i', out, schema], check=True)
        with open(out, encoding='utf-8') as f:
            self.assertEqual(json.load(f), bundled())
        self.assertEqual(run_app('--validate', out).returncode, 0)

        subset = self.path('subset.json')
        run_app('--export', 'json', '--partners', 'ru,CN', '--output', subset)
        subprocess.run(['/usr/bin/python3', '-m', 'jsonschema', '-i', subset, schema], check=True)
        with open(subset, encoding='utf-8') as f:
            data = json.load(f)
        self.assertEqual([p['id'] for p in data['partners']], ['CN', 'RU'])
        expected = bundled()
        self.assertEqual(data['partners'][0], next(p for p in expected['partners'] if p['id'] == 'CN'))
        self.assertEqual(data['lenses'], expected['lenses'])

    def test_stdout(self):
        result = run_app('--export', 'csv', '--output', '-')
        self.assertTrue(result.stdout.startswith('id,name,'))

    def assert_fails(self, args, message):
        result = run_app(*args, check=False)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn(message, result.stderr)
        self.assertTrue(result.stderr.startswith('cyber-atlas: '), result.stderr)

    def test_bad_arguments(self):
        out = self.path('out.pdf')
        self.assert_fails(['--export', 'tiff', '--output', out], '“tiff” is not an export format')
        self.assert_fails(['--export', 'pdf'], '--output')
        self.assert_fails(['--export', 'pdf', '--lens', 'nope', '--output', out], 'no lens “nope”')
        self.assert_fails(['--export', 'pdf', '--partners', 'US,ZZ', '--output', out], 'no partner “ZZ”')
        self.assert_fails(['--export', 'png', '--size', '1920', '--output', out], 'not a size')
        self.assert_fails(['--export', 'pdf', '--paper', 'a5', '--output', out], 'not a paper size')
        self.assert_fails(['--export', 'pdf', '--output', out, self.path('missing.json')], 'missing.json')
        self.assertEqual(os.listdir(self.dir), [])

    def test_write_failures(self):
        regular = self.path('regular')
        with open(regular, 'w') as f:
            f.write('x')
        self.assert_fails(['--export', 'pdf', '--output', os.path.join(regular, 'b.pdf')],
                          'Could not write')
        gone = self.path('gone')
        os.mkdir(gone)
        os.rmdir(gone)
        self.assert_fails(['--export', 'png', '--output', os.path.join(gone, 'm.png')],
                          f'the folder “{gone}” does not exist')
        self.assertEqual(os.listdir(self.dir), ['regular'])


class TapResult(unittest.TestResult):
    """Prints each test as a TAP line when it ends, the traceback of a
    failure or an error as `# ` lines under it."""

    def __init__(self):
        super().__init__()
        self.number = 0

    def report(self, test, ok, detail='', directive=''):
        self.number += 1
        name = test.id().rsplit('.', 1)[-1]
        print(f'{"ok" if ok else "not ok"} {self.number} - {name}{directive}', flush=True)
        for line in detail.rstrip().splitlines():
            print(f'# {line}', flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self.report(test, True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.report(test, False, self.failures[-1][1])

    def addError(self, test, err):
        super().addError(test, err)
        self.report(test, False, self.errors[-1][1])

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.report(test, True, directive=f' # SKIP {reason}')

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.report(test, True, directive=' # TODO expected failure')

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.report(test, False, 'unexpected success')


if __name__ == '__main__':
    APP = os.path.abspath(sys.argv[1])
    SOURCE_ROOT = os.path.abspath(sys.argv[2])
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ExportTest)
    print(f'1..{suite.countTestCases()}', flush=True)
    result = TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
