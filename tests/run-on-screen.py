#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs a widget test on an X screen of its own, of the size given.

Usage: run-on-screen.py WIDTHxHEIGHT PROGRAM [ARGUMENT...]

The suite shares one 1920x1080 Xvfb screen (.ci/test), which at GDK_SCALE=2
holds a window of 960x540 at most: a test of a 1366x768 window there could
only skip. This starts an Xvfb screen of WIDTHxHEIGHT device pixels for
PROGRAM (through xvfb-run, which picks a free display) and sets
ATLAS_TEST_SCREEN=WIDTHxHEIGHT, so that the test fails, rather than skips,
when a window still does not fit. Without a display at all (DISPLAY and
WAYLAND_DISPLAY unset) PROGRAM runs as it is and skips with its reason, as
every widget test does there."""

import os
import shutil
import sys

size, program, arguments = sys.argv[1], sys.argv[2], sys.argv[3:]

if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
    os.execv(program, [program] + arguments)

xvfb_run = shutil.which('xvfb-run')
if xvfb_run is None:
    print('Bail out! xvfb-run (package xvfb) is needed to give this test a screen of its own')
    sys.exit(1)

os.environ['ATLAS_TEST_SCREEN'] = size
os.environ.pop('WAYLAND_DISPLAY', None)
os.execv(xvfb_run, [xvfb_run, '-a', '-s', f'-screen 0 {size}x24 -nolisten tcp', program] + arguments)
