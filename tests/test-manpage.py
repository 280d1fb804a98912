#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The manual page cyber-atlas(1): `man -l` renders it without a warning, it
# documents every option `cyber-atlas --help-all` prints, uses every option
# of the application in its EXAMPLES (so each mode has one), gives the exit
# statuses and carries the version of meson.build.
# Usage: test-manpage.py CYBER_ATLAS MANPAGE VERSION

import os
import re
import shutil
import subprocess
import sys

binary, manpage, version = sys.argv[1:4]
count = 0


def ok(passed, what, detail=''):
    global count
    count += 1
    print(('ok' if passed else 'not ok') + f' {count} - {what}')
    if not passed and detail:
        for line in str(detail).splitlines()[:60]:
            print('# ' + line)
    return passed


def help_options():
    """The long options of --help-all, by section heading."""
    env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')
    out = subprocess.run([binary, '--help-all'], capture_output=True, text=True, env=env,
                         timeout=60, check=True).stdout
    sections, current = {}, None
    for line in out.splitlines():
        if line and not line.startswith(' '):
            current = line.rstrip(':')
            continue
        for option in re.findall(r'(?:^|[\s,])(--[a-z][a-z0-9-]*)', line.split('  ', 2)[1]
                                 if line.startswith('  ') and len(line.split('  ', 2)) > 1 else ''):
            sections.setdefault(current, []).append(option)
    return sections


def render():
    env = dict(os.environ, LC_ALL='C.UTF-8', MANWIDTH='100', MANPAGER='cat', PAGER='cat')
    env.pop('MAN_KEEP_FORMATTING', None)
    proc = subprocess.run(['man', '--warnings', '-l', manpage], capture_output=True, text=True,
                          env=env, timeout=60)
    text = re.sub(r'.\x08', '', proc.stdout)             # overstrike bold and underline
    text = re.sub(r'\x1b\[[0-9;]*m', '', text)          # or SGR escapes
    text = text.replace('\u2010', '-').replace('\u2212', '-')
    return proc, text


def section(text, name):
    m = re.search(r'^' + re.escape(name) + r'\n(.*?)(?=^[A-Z][A-Z ]+\n|\Z)', text, re.M | re.S)
    return m.group(1) if m else ''


print('1..6')
if shutil.which('man') is None:
    ok(False, 'man is installed (man-db)')
    sys.exit(0)

proc, text = render()
ok(proc.returncode == 0 and proc.stderr.strip() == '' and
   all(f'\n{s}\n' in text for s in ('NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS', 'EXAMPLES')),
   'man -l renders the page, with no warning, and its NAME, SYNOPSIS, DESCRIPTION, OPTIONS, EXIT STATUS and EXAMPLES',
   f'status {proc.returncode}\nstderr: {proc.stderr}\n{text[:2000]}')

sections = help_options()
every = [o for opts in sections.values() for o in opts]
options = section(text, 'OPTIONS')
missing = [o for o in every if not re.search(r'(?<![\w-])' + re.escape(o) + r'(?![\w-])', options)]
ok(len(every) >= 10 and not missing,
   f'OPTIONS documents each of the {len(every)} options --help-all prints',
   f'missing from OPTIONS: {missing}\nfound in --help-all: {sections}')

app = sections.get('Application Options', [])
examples = section(text, 'EXAMPLES')
unused = [o for o in app if not re.search(r'(?<![\w-])' + re.escape(o) + r'(?![\w-])', examples)]
ok(len(app) >= 5 and not unused,
   f'EXAMPLES uses each of the {len(app)} application options, so every mode has an example',
   f'not in EXAMPLES: {unused}')

status = section(text, 'EXIT STATUS')
ok(re.search(r'^\s+0\s', status, re.M) and re.search(r'^\s+1\s', status, re.M),
   'EXIT STATUS explains 0 and 1', status)

header = text.splitlines()[-1] if text.strip() else ''
ok(f'cyber-atlas {version}' in text, f'the page carries the version of meson.build, {version}',
   header)

# The page's source, for a formatter's own complaints (groff -ww warns about
# what man hides, such as unknown macros or escapes).
if shutil.which('groff'):
    proc = subprocess.run(['groff', '-man', '-ww', '-z', '-Tutf8', manpage], capture_output=True,
                          text=True, timeout=60)
    ok(proc.returncode == 0 and proc.stderr.strip() == '', 'groff -man -ww finds nothing to warn about',
       proc.stderr)
else:
    ok(False, 'groff is installed (groff-base, a dependency of man-db)')
