#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The version comes from one place, meson.build's project(): `cyber-atlas
# --version` prints it, with no display needed; and a widget test without a
# display skips with its reason instead of failing.
# Usage: test-version.py CYBER_ATLAS VERSION WIDGET_TEST

import os
import subprocess
import sys

binary, version, widget_test = sys.argv[1:4]
count = 0


def ok(passed, what, detail=''):
    global count
    count += 1
    print(('ok' if passed else 'not ok') + f' {count} - {what}')
    if not passed and detail:
        for line in str(detail).splitlines():
            print('# ' + line)
    return passed


no_display = {k: v for k, v in os.environ.items() if k not in ('DISPLAY', 'WAYLAND_DISPLAY')}

print('1..5')
proc = subprocess.run([binary, '--version'], capture_output=True, text=True, env=no_display, timeout=60)
ok(proc.returncode == 0 and proc.stdout == f'Cyber Diplomacy Atlas {version}\n',
   f'--version prints "Cyber Diplomacy Atlas {version}" and exits 0, without a display',
   f'status {proc.returncode}\nstdout {proc.stdout!r}\nstderr {proc.stderr!r}')

proc = subprocess.run([binary, '--help-all'], capture_output=True, text=True, env=no_display, timeout=60)
ok(proc.returncode == 0 and '--version' in proc.stdout, '--help-all lists --version',
   proc.stdout + proc.stderr)

proc = subprocess.run([widget_test, '--tap', '-k'], capture_output=True, text=True,
                      env=no_display, timeout=60)
ok(proc.returncode == 0 and proc.stdout.startswith('1..0 # SKIP ') and 'DISPLAY' in proc.stdout,
   'a widget test under TAP without a display says why it skips, in a TAP plan of none, with status 0',
   f'status {proc.returncode}\nstdout {proc.stdout!r}\nstderr {proc.stderr!r}')

proc = subprocess.run([widget_test], capture_output=True, text=True, env=no_display, timeout=60)
ok(proc.returncode == 77 and 'needs a display' in proc.stderr,
   'run alone without a display it exits 77, the skip status, with its reason on stderr',
   f'status {proc.returncode}\nstderr {proc.stderr!r}')

# The same binary with a display configured does not take the skip path;
# with a display name that cannot be opened it must fail, not skip.
env = dict(no_display, DISPLAY=':987654')
proc = subprocess.run([widget_test, '--tap', '-k'], capture_output=True, text=True, env=env, timeout=60)
ok(proc.returncode not in (0, 77) and '# SKIP' not in proc.stdout,
   'with DISPLAY set to a display that is not there it fails instead of skipping',
   f'status {proc.returncode}\nstdout {proc.stdout[:500]!r}')
