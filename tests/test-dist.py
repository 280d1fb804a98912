#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The source release as a user gets it: `meson dist` makes the tarball from
# the committed tree, which is unpacked in a temporary folder, configured,
# built and put through the core suite there, without a display.
# Usage: test-dist.py SOURCE_ROOT BUILD_ROOT VERSION
#
# Needs a git checkout (meson dist archives the committed tree; uncommitted
# changes are not in the tarball and are not tested). Elsewhere, e.g. in the
# unpacked tarball itself, it skips.

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

SOURCE_ROOT, BUILD_ROOT, VERSION = sys.argv[1:4]
NAME = 'cyber-atlas'
STEP_TIMEOUT = 900  # seconds for one configure, build or test run

count = 0


def ok(passed, what, detail=''):
    global count
    count += 1
    print(('ok' if passed else 'not ok') + f' {count} - {what}')
    if detail and not passed:
        for line in detail.rstrip().splitlines()[-40:]:
            print('# ' + line)
    sys.stdout.flush()
    return passed


def run(args, cwd=None, env=None):
    try:
        proc = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=STEP_TIMEOUT)
        return proc.returncode, proc.stdout
    except subprocess.TimeoutExpired as e:
        return -1, f'{" ".join(args)}: timed out after {STEP_TIMEOUT} s\n{e.stdout or ""}'


def main():
    if shutil.which('git') is None or \
       subprocess.run(['git', '-C', SOURCE_ROOT, 'rev-parse', '--git-dir'],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        print('1..0 # SKIP meson dist needs a git checkout of the sources')
        return 0

    print('1..6')
    tarball = os.path.join(BUILD_ROOT, 'meson-dist', f'{NAME}-{VERSION}.tar.xz')
    if os.path.exists(tarball):
        os.unlink(tarball)

    # The release-time translation check (po/check-translations.py as a dist
    # script) only reports here: the suite must not fail whenever someone
    # adds a string that is not translated yet.
    env = dict(os.environ, ATLAS_DIST_TRANSLATIONS='report')
    status, out = run(['meson', 'dist', '-C', BUILD_ROOT, '--no-tests', '--allow-dirty',
                       '--formats', 'xztar'], env=env)
    if not ok(status == 0 and os.path.exists(tarball), f'meson dist makes {os.path.basename(tarball)}', out):
        return 1

    work = tempfile.mkdtemp(prefix='atlas-dist-')
    try:
        with tarfile.open(tarball) as tar:
            names = tar.getnames()
            top = {n.split('/')[0] for n in names}
            leftovers = [n for n in names
                         if n.split('/')[1:2] and n.split('/')[1] in ('_build', '.git', 'builddir')]
            ok(top == {f'{NAME}-{VERSION}'} and not leftovers and
               f'{NAME}-{VERSION}/meson.build' in names,
               f'the tarball holds one folder, {NAME}-{VERSION}, with meson.build and no build or git leftovers',
               f'top folders: {sorted(top)}; leftovers: {leftovers[:10]}')
            tar.extractall(work, filter='data') if hasattr(tarfile, 'data_filter') else tar.extractall(work)

        src = os.path.join(work, f'{NAME}-{VERSION}')
        build = os.path.join(work, 'build')
        # Nothing of the checkout leaks in: no environment pointing back at it.
        clean_env = {k: v for k, v in os.environ.items()
                     if not k.startswith(('MESON', 'G_TEST_', 'GSETTINGS_SCHEMA_DIR'))}
        clean_env.pop('DISPLAY', None)
        clean_env.pop('WAYLAND_DISPLAY', None)

        # -O0: a third quicker to build on a loaded machine; what is tested is that it builds.
        status, out = run(['meson', 'setup', build, src, '-Doptimization=0'], env=clean_env)
        if not ok(status == 0, 'the unpacked tarball configures', out):
            return 1
        status, out = run(['meson', 'compile', '-C', build], env=clean_env)
        if not ok(status == 0, 'the unpacked tarball builds', out):
            return 1
        status, out = run(['meson', 'test', '-C', build, '--suite', 'core', '--num-processes', '2',
                           '--print-errorlogs'], env=clean_env)
        ok(status == 0, 'the unpacked tarball passes its core suite', out)
        # The widget tests, with no display here, skip rather than fail.
        status, out = run(['meson', 'test', '-C', build, '--suite', 'gui', '--no-rebuild'],
                          env=clean_env)
        results = []
        try:
            with open(os.path.join(build, 'meson-logs', 'testlog.json'), encoding='utf-8') as log:
                results = [json.loads(line)['result'] for line in log]
        except (OSError, ValueError, KeyError) as e:
            out += f'\ntestlog.json: {e}'
        ok(status == 0 and results and all(r == 'SKIP' for r in results),
           f'without a display its {len(results)} widget tests skip, none fails',
           out + f'\nresults: {results}')
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
