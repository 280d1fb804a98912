#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Driving the real app through AT-SPI, as a user would: finding widgets by
# their accessible names and roles, pressing keys, waiting for the tree to
# change (polling with a deadline, never sleep-and-hope). Shared by the
# end-to-end tests; they print TAP.

import signal
import subprocess
import time

import pyatspi

# A deadline, not a delay: polling stops as soon as the thing shows. 30 s
# because a fresh app's accessible tree takes over 15 s to appear on a
# machine as loaded as the team's shared builder (seen: the draft offer).
TIMEOUT = 30.0

results = []


def all_passed():
    return all(results)


class Failure(Exception):
    pass


def tap(ok, name, detail=None):
    results.append(ok)
    print(('ok' if ok else 'not ok') + ' %d - %s' % (len(results), name), flush=True)
    if detail:
        for line in str(detail).splitlines():
            print('# ' + line, flush=True)


def wait_for(what, predicate, timeout=TIMEOUT):
    """Polls predicate () until it returns a true value; no sleep-and-hope."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as error:  # the tree changes under us: try again
            last_error = error
        time.sleep(0.05)
    raise Failure('timed out waiting for %s%s' % (what, ': %r' % last_error if last_error else ''))


# the accessibility tree

def walk(accessible):
    if accessible is None:
        return
    yield accessible
    for child in accessible:
        yield from walk(child)


def names_match(accessible, name):
    # GTK 4.8 sometimes names a widget twice over ("Edit Edit"), with its
    # mnemonic left in ("_Restore Restore"): its label and its child's.
    actual = (accessible.name or '').replace('_', '')
    return actual == name or actual == '%s %s' % (name, name)


def find(root, name=None, role=None, predicate=None):
    for accessible in walk(root):
        try:
            if name is not None and not names_match(accessible, name):
                continue
            if role is not None and accessible.getRoleName() != role:
                continue
            if predicate is not None and not predicate(accessible):
                continue
            return accessible
        except Exception:
            continue
    return None


def require(root, what, name=None, role=None, predicate=None):
    accessible = wait_for(what, lambda: find(root, name, role, predicate))
    return accessible


def text_of(accessible):
    text = accessible.queryText()
    return text.getText(0, text.characterCount)


def click(accessible):
    action = accessible.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ('click', 'activate', 'press'):
            action.doAction(i)
            return
    action.doAction(0)


HOME = 0xff50
DOWN = 0xff54
RETURN = 0xff0d


def press(frame, keysym, control=True, shift=False, pointer=True):
    """A key press as a user makes it: the pointer over the window (no window
    manager gives focus here), modifiers held."""
    if pointer:
        x, y, width, height = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        pyatspi.Registry.generateMouseEvent(x + width // 2, y + height // 2, pyatspi.MOUSE_ABS)
    mask = (1 << pyatspi.MODIFIER_CONTROL if control else 0) | (1 << pyatspi.MODIFIER_SHIFT if shift else 0)
    if mask:
        pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    finally:
        if mask:
            pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_UNLOCKMODIFIERS)


# the app

class App:
    def __init__(self, binary, args, env, log):
        # A file, not a pipe: a chatty app (G_MESSAGES_DEBUG) would fill a
        # pipe no one reads and block.
        self.log = log
        self.process = subprocess.Popen([binary] + args, env=env, stdout=subprocess.DEVNULL,
                                        stderr=open(log, 'ab'))
        self.accessible = wait_for('the app on the accessibility bus', self._find)

    def _find(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == self.process.pid:
                    return app
            except Exception:
                continue
        return None

    def frame(self):
        return require(self.accessible, 'the main window', role='frame',
                       predicate=lambda a: 'Cyber Diplomacy Atlas' in a.name)

    def title(self):
        return self.frame().name

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
