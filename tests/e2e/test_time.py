#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Time through the real app, as a user would, through AT-SPI: set the
# "As of date" (the timeline slider of its popover), read a partner's
# category in the profile, step with ], go back to today, and edit.
#
# usage: test_time.py APP DATASET (tests/data/history.json)
# Needs a display and a D-Bus session, GSK_RENDERER=cairo and the settings
# schema, as test_editing.py. Prints TAP.

import datetime
import os
import shutil
import sys
import tempfile

import pyatspi

from atspi_helpers import (App, Failure, all_passed, click, find, press, require, tap, wait_for,
                           walk)

ESCAPE = 0xff1b
BRACKETRIGHT = 0x5d


def label_containing(root, needle):
    for accessible in walk(root):
        try:
            if accessible.getRoleName() == 'label' and needle in (accessible.name or ''):
                return accessible
        except Exception:
            continue
    return None


def showing(root, needle):
    return lambda: label_containing(root, needle)


def main():
    binary, dataset_source = sys.argv[1:3]
    if not (os.environ.get('DISPLAY') or os.environ.get('WAYLAND_DISPLAY')) or \
       not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        print('1..0 # SKIP needs a display and a D-Bus session (xvfb-run, dbus-run-session)')
        return 0
    work = tempfile.mkdtemp(prefix='atlas-e2e-time-')
    dataset_path = os.path.join(work, 'history.json')
    shutil.copyfile(dataset_source, dataset_path)
    env = dict(os.environ,
               XDG_STATE_HOME=os.path.join(work, 'state'),
               XDG_DATA_HOME=os.path.join(work, 'data'),
               XDG_CONFIG_HOME=os.path.join(work, 'config'),
               GSK_RENDERER='cairo',
               GSETTINGS_BACKEND='memory',
               LC_ALL='C.UTF-8',
               NO_AT_BRIDGE='0')
    env.pop('GTK_A11Y', None)

    steps = [
        'set the "As of date" to 30 June 2016',
        'the window says which date it shows',
        'the profile shows Brazil as of then: Signatory',
        '] steps to the next change (2 February 2017)',
        '] twice more: Brazil a party (8 July 2018)',
        'back to today',
        'edit at the latest state',
    ]
    print('1..%d' % len(steps), flush=True)
    wait_for('the accessibility registry', lambda: pyatspi.Registry.getDesktop(0).childCount >= 0)
    app = None
    step = 0

    def ok(detail=None):
        nonlocal step
        tap(True, steps[step], detail)
        step += 1

    try:
        app = App(binary, [dataset_path], env, os.path.join(work, 'app.log'))
        frame = app.frame()
        wait_for('the dataset in the title', lambda: 'history.json' in app.title())

        # Budapest Convention, the lens the profile is read under
        partners = require(app.accessible, 'the list "Partners"', 'Partners', 'list')
        wait_for('three partners', lambda: partners.childCount == 3)

        # 1: the date, on the slider of the popover
        # (a menu button: its toggle inside does the clicking)
        as_of = require(app.accessible, 'the "As of date" button', 'As of date')
        click(as_of[0] if as_of.childCount > 0 else as_of)
        slider = require(app.accessible, 'the slider "Timeline"', 'Timeline', 'slider')
        value = slider.queryValue()
        value.currentValue = float(datetime.date(2016, 6, 30).toordinal())
        press(frame, ESCAPE, control=False, pointer=False)
        ok()

        # 2: the banner
        wait_for('the banner "Showing 30 June 2016"', showing(app.accessible, 'Showing 30 June 2016'))
        ok()

        # 3: the profile as of then (Japan is not a partner yet)
        wait_for('two partners as of then', lambda: partners.childCount == 2)
        index = wait_for('Brazil in the list', lambda: next(
            (i for i in range(partners.childCount) if find(partners[i], 'Brazil', 'label')), None)
            is not None and next(i for i in range(partners.childCount)
                                 if find(partners[i], 'Brazil', 'label')) + 1)
        partners.querySelection().selectChild(index - 1)
        profile = require(app.accessible, 'the panel "Profile"', 'Profile')
        require(profile, 'the profile of Brazil', 'Brazil', 'label')
        wait_for('"Signatory" in the profile', lambda: find(profile, 'Signatory', 'label'))
        ok()

        # 4: ]
        press(frame, BRACKETRIGHT, control=False)
        wait_for('the banner "Showing 2 February 2017"', showing(app.accessible, 'Showing 2 February 2017'))
        ok()

        # 5: ] ] : Japan added, then Brazil a party
        press(frame, BRACKETRIGHT, control=False)
        wait_for('the banner "Showing 5 May 2017"', showing(app.accessible, 'Showing 5 May 2017'))
        press(frame, BRACKETRIGHT, control=False)
        wait_for('the banner "Showing 8 July 2018"', showing(app.accessible, 'Showing 8 July 2018'))
        profile = require(app.accessible, 'the panel "Profile"', 'Profile')
        wait_for('"Party" in the profile', lambda: find(profile, 'Party', 'label'))
        ok()

        # 6: Back to Today
        click(require(app.accessible, 'the "Back to Today" button', 'Back to Today', 'push button'))
        wait_for('the banner to go', lambda: not label_containing(app.accessible, 'Showing '))
        ok()

        # 7: Edit
        profile = require(app.accessible, 'the panel "Profile"', 'Profile')
        click(require(profile, 'the "Edit" toggle', 'Edit'))
        require(profile, 'the drop-down "Budapest Convention"', 'Budapest Convention', 'combo box')
        ok()
    except Failure as failure:
        tap(False, steps[step], failure)
        step += 1
    finally:
        while step < len(steps):
            tap(False, steps[step], 'not reached')
            step += 1
        if app is not None:
            app.kill()
        shutil.rmtree(work, ignore_errors=True)

    return 0 if all_passed() else 1


if __name__ == '__main__':
    sys.exit(main())
