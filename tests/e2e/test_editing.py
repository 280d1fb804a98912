#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Edits a dataset through the real app as a user would, through AT-SPI:
# search for a partner, select it, switch on Edit, change its cooperation
# depth and its assessment, save with Ctrl+S, check the file with a JSON
# reader and the schema, undo; then kill the app after an edit and check
# that the next start offers the draft.
#
# usage: test_editing.py APP DATASET SCHEMA
# Needs a display and a D-Bus session (the suite runs under xvfb-run and
# dbus-run-session), GSK_RENDERER=cairo (the only renderer AT-SPI works with
# here), and the settings schema (GSETTINGS_SCHEMA_DIR). Prints TAP.

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

import jsonschema
import pyatspi

from atspi_helpers import (App, Failure, DOWN, HOME, RETURN, all_passed, click, find, press, require,
                           tap, text_of, wait_for, walk)

PARTNER_ID = 'BR'
PARTNER_NAME = 'Brazil'
SEARCH = 'Bra'
LENS_ID = 'cooperation_depth'
NEW_CATEGORY = 'strategic'
ADDED_SENTENCE = ' Reviewed after the 2024 summit.'


def draft_path(state_dir, dataset_path):
    uri = 'file://' + dataset_path
    key = hashlib.sha256(uri.encode()).hexdigest()[:32]
    return os.path.join(state_dir, 'cyber-atlas', 'drafts', key + '.json')


def category_name(dataset, lens_id, category_id):
    lens = next(l for l in dataset['lenses'] if l['id'] == lens_id)
    return lens['name'], next(c['name'] for c in lens['categories'] if c['id'] == category_id)


def main():
    binary, dataset_source, schema_path = sys.argv[1:4]
    if not (os.environ.get('DISPLAY') or os.environ.get('WAYLAND_DISPLAY')) or \
       not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        print('1..0 # SKIP needs a display and a D-Bus session (xvfb-run, dbus-run-session)')
        return 0
    work = tempfile.mkdtemp(prefix='atlas-e2e-')
    dataset_path = os.path.join(work, 'dataset.json')
    shutil.copyfile(dataset_source, dataset_path)
    state_dir = os.path.join(work, 'state')
    env = dict(os.environ,
               XDG_STATE_HOME=state_dir,
               XDG_DATA_HOME=os.path.join(work, 'data'),
               XDG_CONFIG_HOME=os.path.join(work, 'config'),
               GSK_RENDERER='cairo',
               GSETTINGS_BACKEND='memory',
               NO_AT_BRIDGE='0')
    env.pop('GTK_A11Y', None)

    with open(dataset_source) as f:
        original = json.load(f)
    with open(schema_path) as f:
        schema = json.load(f)
    lens_name, new_category_name = category_name(original, LENS_ID, NEW_CATEGORY)
    original_partner = next(p for p in original['partners'] if p['id'] == PARTNER_ID)
    original_assessment = original_partner['assessment']

    print('1..12', flush=True)
    # Bring the accessibility bus and registry up before the app starts, so
    # that the app finds them and registers (racing them, it may not).
    wait_for('the accessibility registry', lambda: pyatspi.Registry.getDesktop(0).childCount >= 0)
    app = None
    steps = [
        'search for a partner',
        'select it',
        'switch on Edit',
        'change its cooperation depth',
        'change its assessment',
        'save with Ctrl+S',
        'the saved file is valid JSON matching the schema, with the changes and their history',
        'undo the assessment change',
        'a draft appears after an edit',
        'kill the app with SIGKILL',
        'the next start offers the draft',
        'restoring the draft brings the unsaved edit back',
    ]
    step = 0

    def ok(detail=None):
        nonlocal step
        tap(True, steps[step], detail)
        step += 1

    try:
        app = App(binary, [dataset_path], env, os.path.join(work, 'app.log'))
        frame = app.frame()
        wait_for('the dataset in the title', lambda: 'dataset.json' in app.title())

        # 1: search
        search = require(app.accessible, 'the search entry "Search partners"', 'Search partners', 'entry')
        search.queryEditableText().setTextContents(SEARCH)
        partners = require(app.accessible, 'the list "Partners"', 'Partners', 'list')
        wait_for('the list to show only %s' % PARTNER_NAME,
                 lambda: partners.childCount == 1 and find(partners[0], PARTNER_NAME, 'label'))
        ok()

        # 2: select
        partners.querySelection().selectChild(0)
        profile = require(app.accessible, 'the panel "Profile"', 'Profile')
        require(profile, 'the profile of %s' % PARTNER_NAME, PARTNER_NAME, 'label')
        ok()

        # 3: Edit
        click(require(profile, 'the "Edit" toggle', 'Edit'))
        depth = require(profile, 'the drop-down "%s"' % lens_name, lens_name, 'combo box')
        assessment = require(profile, 'the text "Assessment"', 'Assessment', 'text')
        ok()

        # 4: cooperation depth, picked from the drop-down's list
        # The popover's coordinates cannot be trusted here (no screen
        # coordinates on X11 in GTK 4.8): pick with the keyboard, which the
        # open popover holds.
        click(depth[0])
        popover_list = require(depth, 'the drop-down\'s list', role='list')
        labels = wait_for('the choices', lambda: [find(item, role='label').name for item in popover_list])
        press(frame, HOME, control=False, pointer=False)
        for _ in range(labels.index(new_category_name)):
            press(frame, DOWN, control=False, pointer=False)
        press(frame, RETURN, control=False, pointer=False)
        wait_for('the drop-down to show "%s"' % new_category_name,
                 lambda: find(depth[0], new_category_name, 'label'))
        wait_for('the title to show unsaved changes', lambda: app.title().startswith('•'))
        ok(app.title())

        # 5: assessment
        editable = assessment.queryEditableText()
        editable.insertText(len(text_of(assessment)), ADDED_SENTENCE, len(ADDED_SENTENCE))
        wait_for('the sentence in the assessment', lambda: text_of(assessment).endswith(ADDED_SENTENCE))
        ok()

        # 6: Ctrl+S
        before = os.stat(dataset_path).st_mtime_ns
        press(frame, ord('s'))
        wait_for('the title to show no unsaved changes', lambda: not app.title().startswith('•'))
        wait_for('the file to be written', lambda: os.stat(dataset_path).st_mtime_ns != before)
        ok(app.title())

        # 7: the file
        with open(dataset_path) as f:
            saved = json.load(f)
        jsonschema.Draft202012Validator(schema).validate(saved)
        partner = next(p for p in saved['partners'] if p['id'] == PARTNER_ID)
        problems = []
        if partner['indicators'].get(LENS_ID) != NEW_CATEGORY:
            problems.append('indicator is %r' % partner['indicators'].get(LENS_ID))
        if partner['assessment'] != original_assessment + ADDED_SENTENCE:
            problems.append('assessment is %r' % partner['assessment'][-60:])
        fields = {entry['field']: entry for entry in partner['history']}
        entry = fields.get('indicators.' + LENS_ID)
        if entry is None or entry['old'] != original_partner['indicators'].get(LENS_ID) or entry['new'] != NEW_CATEGORY:
            problems.append('no history entry for the indicator: %r' % partner['history'][-2:])
        if 'assessment' not in fields:
            problems.append('no history entry for the assessment')
        if not os.path.exists(dataset_path + '~'):
            problems.append('no backup')
        if problems:
            raise Failure('; '.join(problems))
        ok()

        # 8: undo (Ctrl+Z): the assessment goes back, the file is modified again
        press(frame, ord('z'))
        wait_for('the assessment to lose the sentence', lambda: text_of(assessment) == original_assessment)
        wait_for('the title to show unsaved changes', lambda: app.title().startswith('•'))
        ok(app.title())

        # 9: the draft of that unsaved state
        draft = draft_path(state_dir, dataset_path)
        # The app writes the dataset first, then the .info that makes it a
        # draft (atlas-dataset-file.c): killing it between the two would
        # leave nothing to offer, so wait for both.
        draft_info = draft[:-len('.json')] + '.info'
        wait_for('the draft %s and its .info' % draft,
                 lambda: os.path.exists(draft) and os.path.exists(draft_info))
        with open(draft) as f:
            drafted = json.load(f)
        if next(p for p in drafted['partners'] if p['id'] == PARTNER_ID)['assessment'] != original_assessment:
            raise Failure('the draft does not hold the undone state')
        ok(draft)

        # 10: kill
        app.kill()
        if app.process.returncode != -signal.SIGKILL:
            raise Failure('exit status %r' % app.process.returncode)
        ok()

        # 11: restart: the draft is offered
        app = App(binary, [dataset_path], env, os.path.join(work, 'app.log'))
        restore = require(app.accessible, 'the "Restore" button of the draft offer', 'Restore',
                          'push button')
        dialog_text = [a.name for a in walk(app.accessible)
                       if a.getRoleName() == 'label' and 'not saved' in (a.name or '')]
        ok('; '.join(dialog_text))

        # 12: restore
        click(restore)
        wait_for('the restored document to show unsaved changes', lambda: app.title().startswith('•'))
        search = require(app.accessible, 'the search entry', 'Search partners', 'entry')
        search.queryEditableText().setTextContents(SEARCH)
        partners = require(app.accessible, 'the list "Partners"', 'Partners', 'list')
        wait_for('the list to show only %s' % PARTNER_NAME, lambda: partners.childCount == 1)
        partners.querySelection().selectChild(0)
        profile = require(app.accessible, 'the panel "Profile"', 'Profile')
        require(profile, 'the profile of %s' % PARTNER_NAME, PARTNER_NAME, 'label')
        click(require(profile, 'the "Edit" toggle', 'Edit'))
        assessment = require(profile, 'the text "Assessment"', 'Assessment', 'text')
        # The file on disk has the sentence; the draft, made after the undo, not.
        wait_for('the assessment as it was in the draft', lambda: text_of(assessment) == original_assessment)
        ok(app.title())
    except Exception as error:
        if os.environ.get('ATLAS_E2E_SHOT'):
            subprocess.call(['import', '-window', 'root', os.environ['ATLAS_E2E_SHOT']])
        tap(False, steps[step] if step < len(steps) else 'cleanup', error)
        if app is not None:
            if app.process.poll() is not None:
                print('# the app exited with %r' % app.process.returncode)
            with open(app.log, errors='replace') as f:
                for line in f.read()[-3000:].splitlines():
                    print('# app: ' + line)
        for name in steps[step + 1:]:
            tap(False, name, 'not reached')
    finally:
        if app is not None:
            app.kill()
        shutil.rmtree(work, ignore_errors=True)

    return 0 if all_passed() else 1


if __name__ == '__main__':
    sys.exit(main())
