#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a release publishes besides the code agrees with itself: the AppStream
# metainfo (its newest release is meson.build's version, every release has
# notes, every screenshot is a file of data/screenshots/ with a caption, the
# content rating, branding colours and launchable are there), the Flatpak
# manifest (every git source pinned by tag and commit, no broad --filesystem,
# network only with the metainfo saying why, every library meson.build asks for
# either in the runtime or built by a module) and the README (the runtime it
# tells users to install is the manifest's).
# Usage: test-release-metadata.py SOURCE_ROOT METAINFO VERSION

import json
import os
import re
import sys
import xml.etree.ElementTree as ET

root, metainfo_path, version = sys.argv[1:4]
count = 0


def ok(passed, what, detail=''):
    global count
    count += 1
    print(('ok' if passed else 'not ok') + f' {count} - {what}')
    if not passed and detail:
        for line in str(detail).splitlines()[:30]:
            print('# ' + line)
    return passed


def text_of(element):
    return ' '.join(''.join(element.itertext()).split()) if element is not None else ''


print('1..9')
component = ET.parse(metainfo_path).getroot()
app_id = component.findtext('id')

releases = component.findall('releases/release')
dates = [r.get('date', '') for r in releases]
ok(releases and releases[0].get('version') == version and dates == sorted(dates, reverse=True)
   and all(re.fullmatch(r'\d{4}-\d\d-\d\d', d) for d in dates),
   f'the newest release of the metainfo is meson.build\'s version, {version}, releases newest first',
   f'releases: {[(r.get("version"), r.get("date")) for r in releases]}')
ok(all(len(text_of(r.find('description'))) > 20 for r in releases),
   'every release has notes', [r.get('version') for r in releases if len(text_of(r.find('description'))) <= 20])

problems = []
shots = component.findall('screenshots/screenshot')
for shot in shots:
    url = shot.findtext('image', '').strip()
    m = re.search(r'/(data/screenshots/[\w.-]+\.png)$', url)
    if not m:
        problems.append(f'{url}: not a PNG of data/screenshots/')
        continue
    path = os.path.join(root, m.group(1))
    if not os.path.exists(path):
        problems.append(f'{url}: {m.group(1)} does not exist')
    else:
        with open(path, 'rb') as f:
            if f.read(8) != b'\x89PNG\r\n\x1a\n':
                problems.append(f'{m.group(1)} is not a PNG')
    if not shot.findtext('caption', '').strip():
        problems.append(f'{url}: no caption')
defaults = [s for s in shots if s.get('type') == 'default']
ok(shots and len(defaults) == 1 and not problems,
   f'the {len(shots)} screenshots are PNG files of data/screenshots/ with captions, one the default',
   '\n'.join(problems) + f'\ndefaults: {len(defaults)}')

rating = component.find('content_rating')
colors = {(c.get('type'), c.get('scheme_preference')) for c in component.findall('branding/color')}
launchable = component.find('launchable')
ok(rating is not None and rating.get('type', '').startswith('oars-') and
   {('primary', 'light'), ('primary', 'dark')} <= colors and
   launchable is not None and launchable.get('type') == 'desktop-id' and
   launchable.text == app_id + '.desktop',
   'the metainfo has a content rating, light and dark branding colours and its desktop file as launchable',
   f'rating {rating}, colours {colors}, launchable {launchable.text if launchable is not None else None}')

manifest_path = os.path.join(root, 'flatpak', 'io.github.cyberdiplomacy.Atlas.json')
with open(manifest_path, encoding='utf-8') as f:
    manifest = json.load(f)
unpinned = []
for module in manifest['modules']:
    for source in module.get('sources', []):
        if source.get('type') == 'git' and not (source.get('tag') and
                                                re.fullmatch(r'[0-9a-f]{40}', source.get('commit', ''))):
            unpinned.append(module['name'])
ok(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk' and
   re.fullmatch(r'\d+', str(manifest.get('runtime-version', ''))) and not unpinned and
   app_id.startswith(manifest.get('id', '-')) and manifest.get('command') == 'cyber-atlas',
   'the Flatpak manifest builds on a numbered GNOME runtime, every git source pinned by tag and commit',
   f'unpinned: {unpinned}; runtime {manifest.get("runtime")} {manifest.get("runtime-version")}')

args = manifest.get('finish-args', [])
broad = [a for a in args if re.fullmatch(r'--filesystem=(host|host-os|host-etc|home|/|~)(:.*)?', a)]
ok(not broad, 'the Flatpak is not given the whole file system or home folder', broad)

description = text_of(component.find('description'))
ok('--share=network' not in args or
   ('OpenStreetMap' in description and 'network' in description and 'off by default' in description),
   'network access only with the metainfo saying what uses it (the OpenStreetMap option, off by default)',
   description)

with open(os.path.join(root, 'README.md'), encoding='utf-8') as f:
    readme = f.read()
runtimes = set(re.findall(r'org\.gnome\.(?:Platform|Sdk)//(\d+)', readme))
ok(runtimes == {str(manifest.get('runtime-version'))},
   f'the README installs the manifest\'s runtime, GNOME {manifest.get("runtime-version")}',
   f'README mentions {runtimes or "no runtime"}')

# Every library the build asks for must be in the Flatpak: in the GNOME
# runtime, or built by one of the manifest's modules. The runtime's list was
# read in freedesktop-sdk's elements/platform.bst (glib, cairo, pango,
# json-glib, lcms, iso-codes) and GNOME's SDK (gtk4, libadwaita); a new
# dependency() fails here until its provider is named.
IN_RUNTIME = {'glib-2.0', 'gio-2.0', 'gio-unix-2.0', 'gobject-2.0', 'json-glib-1.0', 'gtk4',
              'libadwaita-1', 'cairo', 'pangocairo', 'pango', 'lcms2', 'iso-codes'}
BUILT_BY = {'libshumate': {'shumate-1.0'}}
built = set()
for module in manifest['modules']:
    built |= BUILT_BY.get(module['name'], set())
wanted = set()
for folder, dirs, files in os.walk(root):
    # not the build folders, hidden ones or the tests (not built in the Flatpak)
    dirs[:] = [d for d in dirs if not d.startswith(('_build', '.', 'subprojects'))
               and not (folder == root and d in ('tests', 'builddir'))]
    if 'meson.build' in files:
        with open(os.path.join(folder, 'meson.build'), encoding='utf-8') as f:
            for name, args in re.findall(r"\bdependency\s*\(\s*'([^']+)'([^)]*)\)", f.read()):
                if not re.search(r'required\s*:\s*false', args):
                    wanted.add(name)
missing = sorted(wanted - IN_RUNTIME - built)
ok(wanted and not missing,
   f'every library meson.build asks for ({len(wanted)}) is in the GNOME runtime or built by a Flatpak module',
   f'not provided: {missing}')
