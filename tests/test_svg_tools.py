#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The SVG map, read back by tools no one here wrote: xmllint (well-formed,
# and XPath for the ids, classes and text), Python's XML parser, and
# librsvg's rsvg-convert, whose rendering must match the app's PNG.
#
# usage: test_svg_tools.py CYBER_ATLAS SOURCE_ROOT (prints TAP)

import os
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import test_export_tools as tools
from test_export_tools import run_app, tool, bundled

SVG = '{http://www.w3.org/2000/svg}'


def svg_tree(path):
    return ET.parse(path).getroot()


class SvgTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix='atlas-svg-')
        cls.data = bundled()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def export(self, name, *args):
        out = self.path(name)
        run_app('--export', 'svg', '--output', out, *args)
        tool('xmllint', '--noout', out)
        return out

    def test_structure(self):
        out = self.export('map.svg', '--lens', 'wcit_2012')
        root = svg_tree(out)
        lens = next(l for l in self.data['lenses'] if l['id'] == 'wcit_2012')
        categories = {c['id']: c for c in lens['categories']}
        # <title> and <desc> for the picture
        self.assertEqual(root.find(SVG + 'title').text, self.data['title'])
        desc = root.find(SVG + 'desc').text
        self.assertIn(lens['name'], desc)
        self.assertIn('Source: ', desc)
        # A group per country with its ISO code as id, its category as class
        groups = {g.get('id'): g for g in root.iter(SVG + 'g') if g.get('id')}
        for partner in self.data['partners']:
            group = groups.get(partner['id'])
            self.assertIsNotNone(group, partner['id'])
            classes = group.get('class').split()
            self.assertIn('partner', classes)
            cid = partner['indicators'].get('wcit_2012')
            self.assertIn(f'category-{cid}', classes)
            path = group.find(SVG + 'path')
            self.assertEqual(path.get('fill').lower(), categories[cid]['color'].lower())
            self.assertTrue(path.get('d').startswith('M'))
        for member in ('FR', 'DE', 'PL'):
            self.assertEqual(groups[member].get('class'), 'subject')
        self.assertEqual(groups['NO'].get('class'), 'other')
        # Real text: title, every partner's name, the legend, the source
        texts = [t.text for t in root.iter(SVG + 'text')]
        self.assertIn(self.data['title'], texts)
        for category in lens['categories']:
            self.assertIn(category['name'], texts)
        # the subject's row, with its own category where it has one ("European Union: Refused")
        self.assertTrue(any(t.startswith(self.data['subject']['name']) for t in texts), texts)
        self.assertTrue(any(t.startswith('Source: ') and 'as of' in t for t in texts))
        labels = root.find(f".//{SVG}g[@id='labels']")
        label_texts = [t.text for t in labels.iter(SVG + 'text')]
        self.assertEqual(len(label_texts), len(self.data['partners']))
        self.assertIn('Japan', label_texts)
        # At least 24 px on a 1080-pixel-high slide
        for t in labels.iter(SVG + 'text'):
            self.assertGreaterEqual(float(t.get('font-size')), 24)
        # No glyph outlines, no pictures
        self.assertNotIn(b'<symbol', open(out, 'rb').read())
        self.assertNotIn(b'<image', open(out, 'rb').read())
        # xmllint's XPath agrees
        count = tool('xmllint', '--xpath', "count(//*[local-name()='g'][contains(@class,'partner')])", out)
        self.assertEqual(int(float(count)), len(self.data['partners']))

    def test_hatch_patterns(self):
        out = self.export('hatched.svg', '--hatch')
        root = svg_tree(out)
        patterns = list(root.iter(SVG + 'pattern'))
        self.assertGreaterEqual(len(patterns), len(self.data['lenses'][0]['categories']))
        hatched = [p for p in root.iter(SVG + 'path') if (p.get('fill') or '').startswith('url(#hatch-')]
        self.assertEqual(len(hatched), len(self.data['partners']))
        plain = svg_tree(self.export('plain.svg'))
        # Only "No data"'s fine hatch, which is always there
        self.assertEqual([p.get('id') for p in plain.iter(SVG + 'pattern')], ['no-data'])

    def test_subject_outline(self):
        # The EU refused at WCIT-12 too: its members in that colour, outlined in its own
        root = svg_tree(self.export('wcit.svg', '--lens', 'wcit_2012'))
        outline = [p for p in root.iter(SVG + 'path') if p.get('id') == 'subject-outline']
        self.assertEqual(len(outline), 1)
        self.assertEqual(outline[0].get('stroke').lower(), self.data['subject']['color'].lower())
        plain = svg_tree(self.export('depth.svg', '--lens', 'cooperation_depth'))
        self.assertEqual([p for p in plain.iter(SVG + 'path') if p.get('id') == 'subject-outline'], [])

    def test_no_data_hatch(self):
        root = svg_tree(self.export('no-data.svg', '--lens', 'budapest_convention'))
        lens = next(l for l in self.data['lenses'] if l['id'] == 'budapest_convention')
        missing = [p['id'] for p in self.data['partners'] if lens['id'] not in p.get('indicators', {})]
        self.assertTrue(missing)
        hatched = [p for p in root.iter(SVG + 'path') if p.get('fill') == 'url(#no-data)']
        self.assertEqual(len(hatched), len(missing))

    def test_subset_legend(self):
        out = self.export('subset.svg', '--partners', 'JP,KR', '--lens', 'budapest_convention')
        root = svg_tree(out)
        rows = [g for g in root.iter(SVG + 'g') if 'legend-row' in (g.get('class') or '')]
        names = [g.find(SVG + 'text').text for g in rows]
        lens = next(l for l in self.data['lenses'] if l['id'] == 'budapest_convention')
        shown = {p['indicators'].get(lens['id']) for p in self.data['partners'] if p['id'] in ('JP', 'KR')}
        for category in lens['categories']:
            if category['id'] in shown:
                self.assertIn(category['name'], names)
            else:
                self.assertNotIn(category['name'], names)
        self.assertIn(self.data['subject']['name'], names)
        partners = [g.get('id') for g in root.iter(SVG + 'g') if 'partner' in (g.get('class') or '').split()]
        self.assertEqual(sorted(partners), ['JP', 'KR'])

    def test_subset_fits_its_partners(self):
        import gi
        gi.require_version('GdkPixbuf', '2.0')
        from gi.repository import GdkPixbuf
        japan = next(p for p in self.data['partners'] if p['id'] == 'JP')
        lens = self.data['lenses'][0]
        colour = next(c['color'] for c in lens['categories']
                      if c['id'] == japan['indicators'][lens['id']]).lower()

        def share(path):
            pixbuf = GdkPixbuf.Pixbuf.new_from_file(path)
            data, n, stride = pixbuf.get_pixels(), pixbuf.get_n_channels(), pixbuf.get_rowstride()
            hits = total = 0
            for y in range(0, pixbuf.get_height(), 3):
                for x in range(0, pixbuf.get_width(), 3):
                    p = y * stride + x * n
                    total += 1
                    hits += '#%02x%02x%02x' % (data[p], data[p + 1], data[p + 2]) == colour
            return hits / total

        subset = self.path('jp-kr.png')
        run_app('--export', 'png', '--partners', 'JP,KR', '--output', subset)
        # Japan is a speck on the world map (0.03 % of the picture), a good
        # part of the picture when fitted
        self.assertGreater(share(subset), 0.004)
        # A country whose islands cross the date line is fitted to its mainland
        us = next(p for p in self.data['partners'] if p['id'] == 'US')
        colour = next(c['color'] for c in lens['categories']
                      if c['id'] == us['indicators'][lens['id']]).lower()
        alone = self.path('us.png')
        run_app('--export', 'png', '--partners', 'US', '--output', alone)
        self.assertGreater(share(alone), 0.015)
        colour = next(c['color'] for c in lens['categories']
                      if c['id'] == japan['indicators'][lens['id']]).lower()
        # The SVG of the same partners is fitted the same way
        svg = self.export('jp-kr.svg', '--partners', 'JP,KR')
        rendered = self.path('jp-kr-svg.png')
        tool('rsvg-convert', '--format=png', '--output', rendered, svg)
        self.assertGreater(share(rendered), 0.004)

    def test_renders_like_the_png(self):
        import gi
        gi.require_version('GdkPixbuf', '2.0')
        from gi.repository import GdkPixbuf
        svg = self.export('same.svg', '--size', '1280x720')
        png = self.path('same.png')
        run_app('--export', 'png', '--size', '1280x720', '--output', png)
        rendered = self.path('rendered.png')
        tool('rsvg-convert', '--format=png', '--output', rendered, svg)
        a = GdkPixbuf.Pixbuf.new_from_file(png)
        b = GdkPixbuf.Pixbuf.new_from_file(rendered)
        self.assertEqual((a.get_width(), a.get_height()), (b.get_width(), b.get_height()))
        da, db = a.get_pixels(), b.get_pixels()
        na, nb, sa, sb = a.get_n_channels(), b.get_n_channels(), a.get_rowstride(), b.get_rowstride()
        differ = total = 0
        for y in range(0, a.get_height(), 2):
            for x in range(0, a.get_width(), 2):
                pa, pb = y * sa + x * na, y * sb + x * nb
                total += 1
                if max(abs(da[pa + k] - db[pb + k]) for k in range(3)) > 48:
                    differ += 1
        # Labels and hairlines differ a little; the map must not.
        self.assertLess(differ / total, 0.06)


if __name__ == '__main__':
    tools.APP = os.path.abspath(sys.argv[1])
    tools.SOURCE_ROOT = os.path.abspath(sys.argv[2])
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(SvgTest)
    print(f'1..{suite.countTestCases()}', flush=True)
    result = tools.TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
