#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The layers of src/ as a rule over the includes. Every folder may include
# headers from itself and from the folders LAYERS lets it use, and nothing
# else: the model knows nothing of files, maps or exports, the core nothing
# of the command line or the widgets. Since `#include "atlas-foo.h"` finds a
# header in any folder (meson adds them all), this script is what keeps a
# header from being used across a layer by accident.
#
# Also fails when LAYERS itself has a cycle, when two headers share a name
# (an include would be ambiguous), when an include names no header in src/
# that is not a system or generated one, and when headers include each other
# in a cycle.
#
# Usage: check-includes.py [SRC_DIR]   (prints TAP)
#        check-includes.py --self-test (checks that a violation is caught)

import os
import re
import sys
import tempfile

# folder -> the folders it may include from (besides itself). Folders are
# paths under src/; '.' is src/ itself (main.c).
CORE = ['core/model', 'core/io', 'core/time', 'core/editing', 'core/map',
        'core/export', 'core/merge']
LAYERS = {
    'core/model': [],
    'core/time': ['core/model'],
    'core/io': ['core/model', 'core/time'],
    'core/editing': ['core/model', 'core/io', 'core/time'],
    'core/map': ['core/model'],
    'core/export': ['core/model', 'core/io', 'core/time', 'core/map'],
    'core/merge': ['core/model', 'core/io', 'core/time'],
    # the umbrella header and the core's start-up
    'core': CORE,
    'cli': ['core'] + CORE,
    'gui/widgets': ['core'] + CORE,
    'gui/map': ['core', 'gui/widgets'] + CORE,
    'gui/partners': ['core', 'gui/widgets'] + CORE,
    'gui/profile': ['core', 'gui/widgets'] + CORE,
    'gui/dialogs': ['core', 'gui/widgets'] + CORE,
    'gui/window': ['core', 'cli', 'gui/widgets', 'gui/map', 'gui/partners',
                   'gui/profile', 'gui/dialogs'] + CORE,
    '.': ['gui/window'],
}

# Headers made by the build, not found in src/.
GENERATED = {'config.h', 'atlas-core-resources.h', 'atlas-gui-resources.h',
             'atlas-export-enums.h', 'atlas-model-enums.h'}

# Besides, a private header of the core (*-private.h) is not for the
# command line or the widgets.
#
# Includes that break the layers today, each with the way out. An entry
# that no longer matches is reported, not failed; a new break fails.
KNOWN = {
    ('core/time/atlas-timeline.c', 'atlas-dataset-io.h'):
        'the date rule is reached through the loader\'s header',
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def scan(src):
    """Returns {relative path: [included names]} for every .c and .h."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d != 'tools')
        for name in sorted(filenames):
            if name.endswith(('.c', '.h')):
                path = os.path.join(dirpath, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    text = f.read()
                files[os.path.relpath(path, src)] = INCLUDE.findall(text)
    return files


def folder(path):
    return os.path.dirname(path) or '.'


def top(folder_name):
    return folder_name.split('/')[0]


def layer_cycle(layers):
    """Returns a cycle in the LAYERS table as a list, or None."""
    state = {}

    def visit(node, stack):
        state[node] = 'open'
        for dep in layers.get(node, []):
            if state.get(dep) == 'open':
                return stack[stack.index(dep):] + [dep]
            if dep not in state:
                found = visit(dep, stack + [dep])
                if found:
                    return found
        state[node] = 'done'
        return None

    for node in layers:
        if node not in state:
            found = visit(node, [node])
            if found:
                return found
    return None


def header_cycles(files, headers):
    """Cycles among headers including headers (each reported once)."""
    graph = {p: [headers[i] for i in files[p] if i in headers]
             for p in headers.values()}
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = 'open'
        for dep in graph[node]:
            if state.get(dep) == 'open':
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = 'done'

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def check(src, layers=LAYERS, known=KNOWN):
    """Returns (failures, notes), each a list of strings."""
    failures, notes = [], []
    cycle = layer_cycle(layers)
    if cycle:
        failures.append('LAYERS has a cycle: ' + ' -> '.join(cycle))

    files = scan(src)
    headers = {}
    for path in files:
        if path.endswith('.h'):
            name = os.path.basename(path)
            if name in headers:
                failures.append(f'two headers named {name}: {headers[name]}, {path}')
            headers[name] = path

    used = set()
    for path, includes in sorted(files.items()):
        here = folder(path)
        if here not in layers:
            failures.append(f'{path}: folder {here} is not in the layers table')
            continue
        for name in includes:
            if name in GENERATED:
                continue
            target = headers.get(name)
            if target is None:
                failures.append(f'{path}: includes "{name}", which is not in src/')
                continue
            there = folder(target)
            allowed = there == here or there in layers[here]
            # A core private header is for the core: the command line and
            # the widgets use the public API.
            if name.endswith('-private.h') and top(there) == 'core' and top(here) != 'core':
                allowed = False
            if allowed:
                continue
            if (path, name) in known:
                used.add((path, name))
                continue
            failures.append(f'{path}: {here} may not include "{name}" from {there}')

    for (path, name), why in sorted(known.items()):
        if (path, name) in used:
            notes.append(f'known break: {path} includes "{name}" ({why})')
        else:
            notes.append(f'fixed, remove from KNOWN: {path} includes "{name}"')

    for cycle in header_cycles(files, headers):
        failures.append('headers include each other: ' + ' -> '.join(cycle))
    return failures, notes


def self_test():
    """A model file including an io header, a layer cycle, an unknown header."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        def write(rel, text):
            os.makedirs(os.path.dirname(os.path.join(tmp, rel)), exist_ok=True)
            with open(os.path.join(tmp, rel), 'w') as f:
                f.write(text)

        write('core/model/a.h', '#pragma once\n')
        write('core/model/a.c', '#include "config.h"\n#include "a.h"\n')
        write('core/io/b.h', '#pragma once\n#include "a.h"\n')
        write('core/io/b.c', '#include "b.h"\n')
        clean, _ = check(tmp, known={})
        results.append(('a clean tree passes', clean == []))

        write('core/model/a.c', '#include "a.h"\n#include "b.h"\n')
        bad, _ = check(tmp, known={})
        results.append(('model including io fails',
                        any('may not include "b.h"' in f for f in bad)))

        excused, _ = check(tmp, known={('core/model/a.c', 'b.h'): 'test'})
        results.append(('a known break is excused', excused == []))

        write('core/model/a-private.h', '#pragma once\n')
        write('gui/window/w.c', '#include "a.h"\n#include "a-private.h"\n')
        private, _ = check(tmp, known={})
        results.append(('the widgets including a core private header fail',
                        any('may not include "a-private.h"' in f for f in private)
                        and not any('"a.h"' in f for f in private)))
        os.remove(os.path.join(tmp, 'gui/window/w.c'))

        write('core/model/a.c', '#include "nowhere.h"\n')
        unknown, _ = check(tmp, known={})
        results.append(('an unknown header fails', any('nowhere.h' in f for f in unknown)))

        write('core/model/a.c', '#include "a.h"\n')
        write('core/model/a.h', '#pragma once\n#include "c.h"\n')
        write('core/model/c.h', '#pragma once\n#include "a.h"\n')
        loop, _ = check(tmp, known={})
        results.append(('headers in a cycle fail', any('each other' in f for f in loop)))

        cyclic = dict(LAYERS)
        cyclic['core/model'] = ['core/io']
        write('core/model/a.h', '#pragma once\n')
        os.remove(os.path.join(tmp, 'core/model/c.h'))
        layered, _ = check(tmp, layers=cyclic, known={})
        results.append(('a cycle in the layers fails', any('LAYERS has a cycle' in f for f in layered)))

    print(f'1..{len(results)}')
    for i, (name, ok) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} {name}')
    return 0 if all(ok for _, ok in results) else 1


def main():
    if sys.argv[1:] == ['--self-test']:
        return self_test()
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'src')
    failures, notes = check(src)
    print(f'1..{len(failures) or 1}')
    for note in notes:
        print(f'# {note}')
    if not failures:
        print('ok 1 every include keeps to the layers')
        return 0
    for i, failure in enumerate(failures, 1):
        print(f'not ok {i} {failure}')
    return 1


if __name__ == '__main__':
    sys.exit(main())
