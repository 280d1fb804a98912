#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each menu of the interface (<menu> in src/**/*.ui, a submenu on its own)
# gives every item its own access key, in English and in each language of
# po/LINGUAS: two items underlining the same letter make Alt+letter pick
# the first one and leave the other without a key. Section labels are
# headings, not items. Prints TAP, one line per language.
#
# Usage: check-mnemonics.py SOURCE_ROOT

import gettext
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

root = sys.argv[1] if len(sys.argv) > 1 else '.'


def menus():
    """Yields (file, menu id, [(label, context)]) for every menu and submenu."""
    for folder, _dirs, files in os.walk(os.path.join(root, 'src')):
        for name in sorted(files):
            if not name.endswith('.ui'):
                continue
            path = os.path.join(folder, name)
            tree = ET.parse(path)
            for menu in tree.iter('menu'):
                yield from walk(os.path.relpath(path, root), menu.get('id'), menu)


def walk(path, where, menu):
    items = []
    nested = []
    for child in menu:
        collect(path, where, child, items, nested)
    yield (path, where, items)
    yield from nested


def collect(path, where, element, items, nested):
    if element.tag == 'section':
        for child in element:
            collect(path, where, child, items, nested)
    elif element.tag in ('item', 'submenu'):
        for attribute in element.findall('attribute'):
            if attribute.get('name') == 'label' and attribute.get('translatable') == 'yes':
                items.append((attribute.text, attribute.get('context')))
        if element.tag == 'submenu':
            nested.extend(walk(path, f'{where} > {element.find("attribute").text}', element))


def access_key(label):
    i = label.find('_')
    while i >= 0 and i + 1 < len(label) and label[i + 1] == '_':
        i = label.find('_', i + 2)
    return label[i + 1].lower() if 0 <= i < len(label) - 1 else None


def check(language, translate):
    problems = []
    for path, where, items in all_menus:
        seen = {}
        for label, context in items:
            text = translate(label, context)
            key = access_key(text)
            if key is None:
                continue
            if key in seen:
                problems.append(f'{path} {where}: "{seen[key]}" and "{text}" both use Alt+{key.upper()}')
            else:
                seen[key] = text
    return problems


all_menus = list(menus())
with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
    languages = [line.strip() for line in f if line.strip() and not line.startswith('#')]

print(f'1..{len(languages) + 1}')
failed = False
results = [('en', check('en', lambda text, context: text))]
with tempfile.TemporaryDirectory() as tmp:
    for language in languages:
        mo = os.path.join(tmp, language + '.mo')
        subprocess.run(['msgfmt', '-o', mo, os.path.join(root, 'po', language + '.po')], check=True)
        with open(mo, 'rb') as f:
            catalogue = gettext.GNUTranslations(f)

        def translate(text, context, catalogue=catalogue):
            return catalogue.pgettext(context, text) if context else catalogue.gettext(text)

        results.append((language, check(language, translate)))

for number, (language, problems) in enumerate(results, 1):
    print(f'{"not ok" if problems else "ok"} {number} {language}: each menu item has its own access key')
    for problem in problems:
        print(f'# {problem}')
    failed |= bool(problems)
sys.exit(1 if failed else 0)
