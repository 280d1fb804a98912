#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every control has an accessible name, and the keyboard path works: walks
# the real app's accessibility tree (the main window, the profile, the
# editor) for unnamed controls, then runs presentation mode from the
# keyboard alone: F5, Page Down to the next partner, a digit for a lens,
# Escape to leave.
#
# usage: test_accessibility.py APP
# Needs a display, a D-Bus session, GSK_RENDERER=cairo and the settings
# schema (see test_editing.py). Prints TAP.

import os
import shutil
import sys
import tempfile

import pyatspi

from atspi_helpers import App, Failure, click, find, press, require, tap, text_of, wait_for, walk, all_passed

# Roles a user acts on; each needs a name a screen reader can say.
CONTROL_ROLES = {
    'push button', 'toggle button', 'check box', 'radio button', 'combo box', 'entry',
    'password text', 'spin button', 'slider', 'switch', 'list', 'list box', 'tree table',
    'table', 'menu item', 'link',
}

F5 = 0xffc2
PAGE_DOWN = 0xff56
ESCAPE = 0xff1b
KEY_2 = 0x32


def showing(accessible):
    """On screen: GTK 4.8 sets no "showing" state, so every ancestor up to
    the window must be "visible" (a hidden box keeps its children's own
    visible state)."""
    try:
        while accessible is not None and accessible.getRoleName() not in ('frame', 'application'):
            if not accessible.getState().contains(pyatspi.STATE_VISIBLE):
                return False
            accessible = accessible.parent
        return True
    except Exception:
        return False


def unnamed_controls(root):
    """The controls without a name, and how many controls were looked at."""
    missing = []
    checked = 0
    for accessible in walk(root):
        try:
            role = accessible.getRoleName()
            if role not in CONTROL_ROLES or not showing(accessible):
                continue
            checked += 1
            if not (accessible.name or '').strip():
                parent = accessible.parent
                missing.append('%s (in %s "%s")' % (role, parent.getRoleName() if parent else '?',
                                                    parent.name if parent else ''))
        except Exception:
            continue
    if checked == 0:
        missing.append('no control found at all')
    return missing, checked


def label_texts(root):
    texts = []
    for accessible in walk(root):
        try:
            if accessible.getRoleName() == 'label' and showing(accessible):
                texts.append(text_of(accessible))
        except Exception:
            continue
    return texts


def main():
    binary = sys.argv[1]
    if not (os.environ.get('DISPLAY') or os.environ.get('WAYLAND_DISPLAY')) or \
       not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        print('1..0 # SKIP needs a display and a D-Bus session (xvfb-run, dbus-run-session)')
        return 0
    work = tempfile.mkdtemp(prefix='atlas-a11y-')
    env = dict(os.environ,
               XDG_STATE_HOME=os.path.join(work, 'state'),
               XDG_DATA_HOME=os.path.join(work, 'data'),
               XDG_CONFIG_HOME=os.path.join(work, 'config'),
               GSK_RENDERER='cairo',
               GSETTINGS_BACKEND='memory',
               NO_AT_BRIDGE='0')
    env.pop('GTK_A11Y', None)

    steps = [
        'every control of the main window has a name',
        'every control of a profile has a name',
        'every control of the editor has a name',
        'F5 starts presentation mode: the header bar goes, a caption names the partner',
        'Page Down shows the next partner',
        'a digit picks a lens',
        'Escape leaves presentation mode',
    ]
    print('1..%d' % len(steps), flush=True)
    wait_for('the accessibility registry', lambda: pyatspi.Registry.getDesktop(0).childCount >= 0)
    app = None
    step = 0

    def check(ok, detail=None):
        nonlocal step
        tap(ok, steps[step], detail)
        step += 1

    try:
        app = App(binary, [], env, os.path.join(work, 'app.log'))
        frame = app.frame()
        partners = require(app.accessible, 'the list "Partners"', 'Partners', 'list')
        wait_for('ten partners', lambda: partners.childCount == 10)

        missing, checked = unnamed_controls(frame)
        check(not missing, '\n'.join(missing) or '%d controls' % checked)

        japan = wait_for('Japan in the list',
                         lambda: next((i for i in range(partners.childCount)
                                       if find(partners[i], 'Japan', 'label')), None))
        partners.querySelection().selectChild(japan)
        profile = require(app.accessible, 'the panel "Profile"', 'Profile')
        require(profile, 'the profile of Japan', 'Japan', 'label')
        missing, checked = unnamed_controls(profile)
        check(not missing, '\n'.join(missing) or '%d controls' % checked)

        click(require(profile, 'the "Edit" toggle', 'Edit'))
        require(profile, 'the text "Assessment"', 'Assessment', 'text')
        missing, checked = unnamed_controls(profile)
        check(not missing, '\n'.join(missing) or '%d controls' % checked)
        click(require(profile, 'the "Done" toggle', 'Done'))

        # Presentation mode, from the keyboard alone.
        press(frame, F5, control=False)
        wait_for('the header bar to go',
                 lambda: find(frame, 'Main Menu', predicate=showing) is None)
        texts = wait_for('a caption naming Japan', lambda: 'Japan' in label_texts(frame) and label_texts(frame))
        check(True, 'caption: %s' % ' / '.join(t for t in texts if t and len(t) < 60)[:300])

        press(frame, PAGE_DOWN, control=False, pointer=False)
        texts = wait_for('the caption to move on from Japan',
                         lambda: (lambda t: t if 'Japan' not in t else None)(label_texts(frame)))
        check(True, 'caption: %s' % ' / '.join(t for t in texts if t and len(t) < 60)[:300])

        press(frame, KEY_2, control=False, pointer=False)
        texts = wait_for('the caption to name the WCIT-12 lens',
                         lambda: (lambda t: t if any(x.startswith('WCIT') for x in t) else None)(label_texts(frame)))
        check(True, 'caption: %s' % ' / '.join(t for t in texts if t and len(t) < 60)[:300])

        press(frame, ESCAPE, control=False, pointer=False)
        wait_for('the header bar to come back',
                 lambda: find(frame, 'Main Menu', predicate=showing) is not None)
        check(True)
    except Failure as failure:
        while step < len(steps):
            check(False, str(failure) if failure else None)
            failure = None
    finally:
        if app is not None:
            app.kill()
        shutil.rmtree(work, ignore_errors=True)

    return 0 if all_passed() else 1


if __name__ == '__main__':
    sys.exit(main())
