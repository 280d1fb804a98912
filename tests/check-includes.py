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
# The tests (TESTS_DIR) reach the widgets through their public headers:
# template children (atlas_test_template_child ()) and accessors, never a
# header of the widgets' internals (a *-private.h or *-parts.h under gui/).
#
# Also fails when LAYERS itself has a cycle, when two headers share a name
# (an include would be ambiguous), when an include names no header in src/
# that is not a system or generated one, and when headers include each other
# in a cycle.
#
# Usage: check-includes.py [SRC_DIR [TESTS_DIR]]   (prints TAP)
#        check-includes.py --self-test (checks that a violation is caught)

import fnmatch
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
}

# And fails when source files use each other in a cycle: a.c uses b.c when
# it names a function that b.c defines and that a header a.c includes
# declares (a dispatcher whose writers call back into it through a shared
# header, say). Those that do today: the uses (caller, callee; shell
# patterns) listed here are left out of the graph, each with the way out.
# An entry that no longer matches is reported, not failed; a new cycle
# fails.
KNOWN_USES = {
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
DEFINITION = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*) \(', re.M)
IDENTIFIER = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')
CALLED = re.compile(r'\b([A-Za-z_][A-Za-z0-9_]*)\s*\(')
COMMENT_OR_STRING = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"', re.S)


def read_sources(src):
    """Returns {relative path: text} for every .c and .h."""
    texts = {}
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d != 'tools')
        for name in sorted(filenames):
            if name.endswith(('.c', '.h')):
                path = os.path.join(dirpath, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    texts[os.path.relpath(path, src)] = f.read()
    return texts


def scan(src):
    """Returns {relative path: [included names]} for every .c and .h."""
    return {path: INCLUDE.findall(text) for path, text in read_sources(src).items()}


def definitions(text):
    """The functions a source file defines for others (GNU style: the type
    on the line above the name, the body's brace alone on a line)."""
    lines = text.split('\n')
    found = set()
    for i, line in enumerate(lines):
        match = DEFINITION.match(line)
        if not match or i == 0:
            continue
        above = lines[i - 1]
        if (not above.strip() or above.startswith(('static', ' ', '#', '}', '/*', ' *'))
                or above.rstrip().endswith((';', ',', '{'))):
            continue
        end = i
        while end < len(lines) and not lines[end].rstrip().endswith((')', ';')):
            end += 1
        if end + 1 < len(lines) and lines[end + 1] == '{':
            found.add(match.group(1))
    return found


def source_uses(texts, files, headers):
    """{source file: {used source file: [functions]}}, see the top."""
    defined_in = {}
    for path, text in texts.items():
        if path.endswith('.c'):
            for name in definitions(text):
                defined_in.setdefault(name, path)
    declared = {path: set(CALLED.findall(COMMENT_OR_STRING.sub(' ', text)))
                for path, text in texts.items() if path.endswith('.h')}

    def reached(path, seen):
        for name in files[path]:
            header = headers.get(name)
            if header is not None and header not in seen:
                seen.add(header)
                reached(header, seen)
        return seen

    uses = {}
    for path, text in texts.items():
        if not path.endswith('.c'):
            continue
        visible = set()
        for header in reached(path, set()):
            visible |= declared[header]
        named = set(IDENTIFIER.findall(COMMENT_OR_STRING.sub(' ', text)))
        for name in sorted(named & visible):
            there = defined_in.get(name)
            if there is not None and there != path:
                uses.setdefault(path, {}).setdefault(there, []).append(name)
    return uses


def use_cycles(uses):
    """The groups of source files that use each other (Tarjan's strongly
    connected components of more than one file), sorted."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in sorted(uses.get(node, {})):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(uses):
        if node not in index:
            visit(node)
    return sorted(groups)


def check_uses(texts, files, headers, known_uses):
    """Source files using each other in a cycle: (failures, notes)."""
    failures, notes = [], []
    uses = source_uses(texts, files, headers)
    for (caller, callee), why in sorted(known_uses.items()):
        matched = [(a, b) for a in uses for b in uses[a]
                   if fnmatch.fnmatch(a, caller) and fnmatch.fnmatch(b, callee)]
        for a, b in matched:
            del uses[a][b]
        if matched:
            notes.append(f'known use in a cycle: {caller} uses {callee} ({why})')
        else:
            notes.append(f'gone, remove from KNOWN_USES: {caller} uses {callee}')
    for group in use_cycles(uses):
        inside = [f'{a} uses {b} ({", ".join(uses[a][b][:3])})'
                  for a in group for b in sorted(uses.get(a, {})) if b in group]
        failures.append('source files use each other in a cycle: ' + '; '.join(inside))
    return failures, notes


def tree(src):
    """(texts, includes, headers) of a tree, as check () reads it."""
    texts = read_sources(src)
    files = {path: INCLUDE.findall(text) for path, text in texts.items()}
    headers = {os.path.basename(p): p for p in files if p.endswith('.h')}
    return texts, files, headers


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


def widget_internals(name, headers):
    """Whether the header @name holds the internals of a widget."""
    target = headers.get(name)
    return (target is not None and top(folder(target)) == 'gui'
            and name.endswith(('-private.h', '-parts.h')))


def check_tests(tests, headers):
    """The tests including a header of the widgets' internals."""
    return [f'tests/{path}: a test may not include "{name}", the internals of {headers[name]}'
            for path, includes in sorted(scan(tests).items())
            for name in includes if widget_internals(name, headers)]


def check(src, layers=LAYERS, known=KNOWN, tests=None):
    """Returns (failures, notes), each a list of strings."""
    failures, notes = [], []
    cycle = layer_cycle(layers)
    if cycle:
        failures.append('LAYERS has a cycle: ' + ' -> '.join(cycle))

    texts = read_sources(src)
    files = {path: INCLUDE.findall(text) for path, text in texts.items()}
    headers = {}
    for path in files:
        if path.endswith('.h'):
            name = os.path.basename(path)
            if name in headers:
                failures.append(f'two headers named {name}: {headers[name]}, {path}')
            headers[name] = path

    # The tree's own list of known uses, none for a made-up one
    use_failures, use_notes = check_uses(texts, files, headers,
                                         KNOWN_USES if known is KNOWN else {})
    failures += use_failures
    notes += use_notes

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
    if tests is not None:
        failures += check_tests(tests, headers)
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

        write('gui/window/w.h', '#pragma once\n')
        write('gui/window/w-private.h', '#pragma once\n#include "w.h"\n')
        with tempfile.TemporaryDirectory() as tests:
            with open(os.path.join(tests, 't.c'), 'w') as f:
                f.write('#include "w.h"\n#include "a-private.h"\n')
            public, _ = check(tmp, known={}, tests=tests)
            with open(os.path.join(tests, 't.c'), 'w') as f:
                f.write('#include "w.h"\n#include "w-private.h"\n')
            inside, _ = check(tmp, known={}, tests=tests)
        results.append(('a test including a private header of the widgets fails',
                        not any(f.startswith('tests/') for f in public)
                        and any('may not include "w-private.h"' in f for f in inside)))
        os.remove(os.path.join(tmp, 'gui/window/w.h'))
        os.remove(os.path.join(tmp, 'gui/window/w-private.h'))

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

    with tempfile.TemporaryDirectory() as tmp:
        def write(rel, text):
            with open(os.path.join(tmp, rel), 'w') as f:
                f.write(text)

        # A dispatcher and a writer sharing one header, each calling the other
        os.makedirs(os.path.join(tmp, 'core/export'))
        write('core/export/x-private.h', '#pragma once\nint x_progress (int job);\nint x_write_pdf (int job);\n')
        write('core/export/x.c', '#include "x-private.h"\n\nint\nx_progress (int job)\n{\n  return job;\n}\n\n'
              'static int\ndispatch (int job)\n{\n  return x_write_pdf (job);\n}\n')
        write('core/export/x-pdf.c', '#include "x-private.h"\n\nint\nx_write_pdf (int job)\n{\n'
              '  return x_progress (job);\n}\n')
        tangled, _ = check(tmp, known={})
        results.append(('a dispatcher and a writer using each other fail',
                        any('use each other' in f and 'x-pdf.c uses core/export/x.c' in f for f in tangled)))

        excused, notes = check_uses(*tree(tmp), {('core/export/x-pdf.c', 'core/export/*'): 'test'})
        results.append(('a known use in a cycle is excused', excused == [] and
                        any('known use' in n for n in notes)))

        # The job helper in a file of its own, the writers' entry points in
        # a header only the dispatcher includes: no cycle.
        write('core/export/x-private.h', '#pragma once\nint x_write_pdf (int job);\n')
        write('core/export/x-job.h', '#pragma once\n/* x_write_pdf () is not here */\nint x_progress (int job);\n')
        write('core/export/x-job.c', '#include "x-job.h"\n\nint\nx_progress (int job)\n{\n  return job;\n}\n')
        write('core/export/x.c', '#include "x-job.h"\n#include "x-private.h"\n\nstatic int\n'
              'dispatch (int job)\n{\n  return x_write_pdf (x_progress (job));\n}\n')
        write('core/export/x-pdf.c', '#include "x-job.h"\n#include "x-private.h"\n\nint\n'
              'x_write_pdf (int job)\n{\n  return x_progress (job);\n}\n')
        untangled, _ = check(tmp, known={})
        results.append(('uses in one direction pass', untangled == []))

    print(f'1..{len(results)}')
    for i, (name, ok) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} {name}')
    return 0 if all(ok for _, ok in results) else 1


def main():
    if sys.argv[1:] == ['--self-test']:
        return self_test()
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'src')
    tests = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    failures, notes = check(src, tests=tests)
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
