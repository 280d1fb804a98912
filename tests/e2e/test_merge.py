#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end through AT-SPI: two copies of one dataset edited, one saved
# under the other's feet; the app's save meets the change, the user picks
# Merge, reviews, accepts one change and rejects another, applies and saves;
# the file is read back with json and checked against the schema and by
# `cyber-atlas --validate`.
#
# Usage: test_merge.py CYBER_ATLAS DATASET SCHEMA (prints TAP). With
# ATLAS_SCREENSHOTS=DIR, screenshots of the save conflict's dialog and of the Review Changes window go there.

import json
import os
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import pyatspi

from atspi_helpers import (App, Failure, all_passed, click, find, press, require, tap, text_of,
                           wait_for)

OUR_PARTNER = 'US'
ADDED_SENTENCE = ' Reviewed at the desk.'


def save_json(data, path):
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write('\n')


def partner(data, pid):
    return next(p for p in data['partners'] if p['id'] == pid)


def named(prefix):
    """A toggle button, by its accessible name (GTK 4.8 calls it a push
    button and adds its label to the name)."""
    return lambda a: a.getRoleName() in ('toggle button', 'push button') and (a.name or '').startswith(prefix)


def pressed(accessible):
    state = accessible.getState()
    return state.contains(pyatspi.STATE_CHECKED) or state.contains(pyatspi.STATE_PRESSED)


def screenshot(name):
    folder = os.environ.get('ATLAS_SCREENSHOTS')
    if folder and shutil.which('import'):
        subprocess.run(['import', '-window', 'root', os.path.join(folder, name + '.png')], check=False)


def main():
    binary, dataset_source, schema_path = sys.argv[1:4]
    if not (os.environ.get('DISPLAY') or os.environ.get('WAYLAND_DISPLAY')) or \
       not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        print('1..0 # SKIP needs a display and a D-Bus session (xvfb-run, dbus-run-session)')
        return 0
    work = tempfile.mkdtemp(prefix='atlas-e2e-merge-')
    dataset_path = os.path.join(work, 'team.atlas.json')
    shutil.copyfile(dataset_source, dataset_path)
    env = dict(os.environ,
               XDG_STATE_HOME=os.path.join(work, 'state'),
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
    lens = next(l for l in original['lenses'] if l['id'] == 'budapest_convention')
    jp_before = partner(original, 'JP')['indicators']['budapest_convention']
    cn_before = partner(original, 'CN')['assessment']
    us_before = partner(original, OUR_PARTNER)['assessment']

    steps = [
        'open the dataset and edit a partner\'s assessment',
        'a colleague saves the same file meanwhile',
        'saving asks, with Merge first',
        'Merge opens Review Changes with the conflict first (ours kept) and both incoming changes with their sources',
        'accept one change, reject the other, apply',
        'save goes through',
        'the file is valid JSON matching the schema, with our edit, the accepted change and its history, '
        'without the rejected one',
        'cyber-atlas --validate accepts the file',
    ]
    print('1..%d' % len(steps), flush=True)
    wait_for('the accessibility registry', lambda: pyatspi.Registry.getDesktop(0).childCount >= 0)
    step = 0
    app = None

    def ok(detail=None):
        nonlocal step
        tap(True, steps[step], detail)
        step += 1

    try:
        app = App(binary, [dataset_path], env, os.path.join(work, 'app.log'))
        frame = app.frame()
        wait_for('the dataset in the title', lambda: 'team.atlas.json' in app.title())

        # 1: our edit, in the app
        search = require(app.accessible, 'the search entry', 'Search partners', 'entry')
        search.queryEditableText().setTextContents('United States')
        partners = require(app.accessible, 'the list "Partners"', 'Partners', 'list')
        wait_for('one partner listed', lambda: partners.childCount == 1)
        partners.querySelection().selectChild(0)
        profile = require(app.accessible, 'the panel "Profile"', 'Profile')
        click(require(profile, 'the "Edit" toggle', 'Edit'))
        assessment = require(profile, 'the text "Assessment"', 'Assessment', 'text')
        assessment.queryEditableText().insertText(len(text_of(assessment)), ADDED_SENTENCE, len(ADDED_SENTENCE))
        wait_for('the title to show unsaved changes', lambda: app.title().startswith('•'))
        ok()

        # 2: the colleague's copy, saved over the file
        theirs = json.loads(json.dumps(original))
        jp = partner(theirs, 'JP')
        jp['indicators']['budapest_convention'] = 'signatory'
        jp['history'].append({'date': '2014-06-01', 'field': 'indicators.budapest_convention',
                              'old': jp_before, 'new': 'signatory', 'source': 'Delegation in Tokyo'})
        cn = partner(theirs, 'CN')
        cn['assessment'] = cn_before + ' Talks resumed.'
        cn['history'].append({'date': '2014-06-15', 'field': 'assessment', 'old': cn_before,
                              'new': cn['assessment'], 'source': 'Delegation in Beijing'})
        us = partner(theirs, OUR_PARTNER)
        us['assessment'] = us_before + ' Seen by the delegation.'
        us['history'].append({'date': '2014-06-10', 'field': 'assessment', 'old': us_before,
                              'new': us['assessment'], 'source': 'Delegation in Washington'})
        save_json(theirs, dataset_path + '.tmp')
        os.replace(dataset_path + '.tmp', dataset_path)
        ok()

        # 3: Ctrl+S meets the change
        press(frame, ord('s'))
        merge = require(app.accessible, 'the "Merge…" button', 'Merge…', 'push button')
        screenshot('merge-dialog')
        ok()

        # 4: Review Changes
        click(merge)
        review = require(app.accessible, 'the Review Changes window',
                         predicate=lambda a: a.getRoleName() in ('frame', 'dialog', 'window')
                         and 'Review Changes' in (a.name or ''))
        accept_jp = require(review, 'the Accept button for Japan', predicate=named('Accept Japan: %s' % lens['name']))
        accept_cn = require(review, 'the Accept button for China', predicate=named('Accept China: Assessment'))
        require(review, 'the source of the change', predicate=lambda a: a.getRoleName() == 'label'
                and 'Delegation in Tokyo' in (a.name or ''))
        keep = require(review, 'the conflict on our partner\'s assessment',
                       predicate=named('Keep yours for United States · Assessment'))
        states = [pressed(a) for a in (accept_jp, accept_cn, keep)]
        if states != [True, True, True]:
            raise Failure('incoming changes not preselected, or the conflict not kept as ours: %r' % states)
        screenshot('review')
        ok()

        # 5: accept China's, reject Japan's, apply
        click(accept_jp)
        wait_for('Japan\'s change to be rejected', lambda: not pressed(accept_jp))
        click(require(review, 'the "Apply" button', 'Apply', 'push button'))
        wait_for('the review to close', lambda: find(app.accessible, predicate=named('Accept China: Assessment')) is None)
        ok()

        # 6: save again
        before = os.stat(dataset_path).st_mtime_ns
        press(app.frame(), ord('s'))
        wait_for('the title to show no unsaved changes', lambda: not app.title().startswith('•'))
        wait_for('the file to be written', lambda: os.stat(dataset_path).st_mtime_ns != before)
        ok(app.title())

        # 7: the file
        with open(dataset_path) as f:
            saved = json.load(f)
        jsonschema.Draft202012Validator(schema).validate(saved)
        problems = []
        if partner(saved, OUR_PARTNER)['assessment'] != us_before + ADDED_SENTENCE:
            problems.append('our edit is lost')
        if any(e['source'] == 'Delegation in Washington' for e in partner(saved, OUR_PARTNER)['history']):
            problems.append('their side of the conflict left history')
        if partner(saved, 'CN')['assessment'] != cn_before + ' Talks resumed.':
            problems.append('the accepted change is missing')
        if not any(e['source'] == 'Delegation in Beijing' for e in partner(saved, 'CN')['history']):
            problems.append('the accepted change has no history')
        if partner(saved, 'JP')['indicators']['budapest_convention'] != jp_before:
            problems.append('the rejected change is in')
        if any(e['source'] == 'Delegation in Tokyo' for e in partner(saved, 'JP')['history']):
            problems.append('the rejected change left history')
        if 'merge_conflicts' in saved:
            problems.append('conflicts recorded')
        if problems:
            raise Failure('; '.join(problems))
        ok()

        # 8: the app's own rules
        result = subprocess.run([binary, '--validate', dataset_path], capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise Failure(result.stdout + result.stderr)
        ok()
    except Exception as error:  # report the step that failed, and the rest as not run
        tap(False, steps[step], error)
        for name in steps[step + 1:]:
            tap(False, name, 'not run')
    finally:
        if app is not None:
            app.kill()
        shutil.rmtree(work, ignore_errors=True)

    return 0 if all_passed() else 1


if __name__ == '__main__':
    sys.exit(main())
