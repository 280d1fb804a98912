#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`cyber-atlas --diff` and `--merge`: exit statuses, output, bad input, and a
real `git merge` with cyber-atlas as the merge driver and the diff driver.

Usage: test-merge-cli.py CYBER_ATLAS SOURCE_ROOT (prints TAP)."""

import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile

cyber_atlas, source_root = os.path.abspath(sys.argv[1]), sys.argv[2]
# The paper's dataset as it stood: the bundled one moves on with the facts.
bundled = os.path.join(source_root, 'tests', 'data', 'paper-2014.json')

results = []


def check(name, condition, detail=''):
    results.append((name, condition, detail))


def env_headless():
    env = dict(os.environ)
    for key in ('DISPLAY', 'WAYLAND_DISPLAY'):
        env.pop(key, None)
    env['LC_ALL'] = 'C.UTF-8'
    return env


def run(*args, cwd=None):
    proc = subprocess.run([cyber_atlas, *args], env=env_headless(), cwd=cwd,
                          capture_output=True, timeout=120)
    return proc.returncode, proc.stdout.decode('utf-8'), proc.stderr.decode('utf-8')


def load(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def save(data, path):
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write('\n')


def partner(data, pid):
    return next(p for p in data['partners'] if p['id'] == pid)


def set_indicator(data, pid, lens, value, date):
    p = partner(data, pid)
    old = p['indicators'].get(lens)
    p['indicators'][lens] = value
    p['history'].append({'date': date, 'field': 'indicators.' + lens, 'old': old, 'new': value,
                         'source': 'test'})


def git(*args, cwd):
    return subprocess.run(['git', *args], cwd=cwd, capture_output=True, timeout=120,
                          env=dict(env_headless(), GIT_AUTHOR_NAME='t', GIT_AUTHOR_EMAIL='t@example.org',
                                   GIT_COMMITTER_NAME='t', GIT_COMMITTER_EMAIL='t@example.org'))


base = load(bundled)

with tempfile.TemporaryDirectory() as tmp:
    p = lambda name: os.path.join(tmp, name)
    save(base, p('base.json'))
    ours = copy.deepcopy(base)
    set_indicator(ours, 'JP', 'budapest_convention', 'signatory', '2014-05-01')
    save(ours, p('ours.json'))
    theirs = copy.deepcopy(base)
    set_indicator(theirs, 'JP', 'budapest_convention', 'pending', '2014-04-01')
    theirs['partners'][0]['documents'].append({'title': 'Cyber note \u001b[31m', 'year': 2014, 'url': None})
    save(theirs, p('theirs.json'))
    other = copy.deepcopy(base)
    partner(other, 'CN')['assessment'] = partner(other, 'CN')['assessment'] + ' More.'
    save(other, p('other.json'))

    # --diff
    code, out, err = run('--diff', p('base.json'), bundled)
    check('--diff of equal datasets exits 0 and prints nothing', code == 0 and out == '', f'{code} {out!r} {err!r}')
    code, out, err = run('--diff', p('base.json'), p('ours.json'))
    lines = out.splitlines()
    check('--diff of different datasets exits 1', code == 1, f'exit {code} {err!r}')
    check('--diff prints one line per field', lines[:1] == [
        'partners[JP].indicators.budapest_convention: "party" -> "signatory"'], repr(lines))
    check('--diff names the history entry', any(l.startswith('partners[JP].history[2014-05-01 indicators.budapest_convention]: added')
                                                for l in lines), repr(lines))
    code, out, err = run('--diff', p('base.json'), p('theirs.json'))
    check('--diff escapes dataset text for the terminal', '\x1b' not in out and '\\u001b[31m' in out, repr(out))
    code, out, err = run('--diff', p('base.json'), p('ours.json'), '--format', 'json')
    try:
        changes = json.loads(out)
    except ValueError as e:
        changes = None
    check('--diff --format json is a JSON list of changes', code == 1 and isinstance(changes, list) and
          changes[0] == {'kind': 'changed', 'path': 'partners[JP].indicators.budapest_convention', 'partner': 'JP',
                         'old': 'party', 'new': 'signatory'}, repr(out))
    code, out, err = run('--diff', p('base.json'), p('missing.json'))
    check('--diff of a missing file exits 2 naming it', code == 2 and 'missing.json' in err, f'{code} {err!r}')
    code, out, err = run('--diff', p('base.json'), p('ours.json'), '--format', 'xml')
    check('--diff with an unknown format exits 2', code == 2 and 'xml' in err, f'{code} {err!r}')

    # --merge, clean
    code, out, err = run('--merge', p('base.json'), p('ours.json'), p('other.json'), '--output', p('clean.json'))
    merged = load(p('clean.json')) if os.path.exists(p('clean.json')) else {}
    check('--merge of different fields exits 0', code == 0, f'{code} {err!r}')
    check('the clean merge has both sides', merged and partner(merged, 'JP')['indicators']['budapest_convention'] == 'signatory'
          and partner(merged, 'CN')['assessment'].endswith(' More.') and 'merge_conflicts' not in merged)
    code, _, err = run('--validate', p('clean.json'))
    check('the clean merge is valid', code == 0, err)

    # Translations ("names"): compared and merged member by member, like any field
    named = copy.deepcopy(base)
    named['lenses'][0]['names'] = {'de': 'Tiefe der Zusammenarbeit', 'fr': 'Degré de coopération'}
    save(named, p('named.json'))
    named_ours = copy.deepcopy(named)
    named_ours['lenses'][0]['names']['fr'] = 'Profondeur de la coopération'
    save(named_ours, p('named-ours.json'))
    named_theirs = copy.deepcopy(named)
    named_theirs['lenses'][0]['names']['it'] = 'Grado di cooperazione'
    save(named_theirs, p('named-theirs.json'))
    lens_id = named['lenses'][0]['id']
    code, out, err = run('--diff', p('named.json'), p('named-ours.json'))
    check('--diff shows a changed translation', code == 1 and out.splitlines() ==
          [f'lenses[{lens_id}].names.fr: "Degré de coopération" -> "Profondeur de la coopération"'], repr(out))
    code, out, err = run('--merge', p('named.json'), p('named-ours.json'), p('named-theirs.json'),
                         '--output', p('named-merged.json'))
    merged = load(p('named-merged.json')) if os.path.exists(p('named-merged.json')) else {}
    check('--merge takes a translation changed on one side and one added on the other',
          code == 0 and merged and merged['lenses'][0]['names'] ==
          {'de': 'Tiefe der Zusammenarbeit', 'fr': 'Profondeur de la coopération', 'it': 'Grado di cooperazione'},
          f'{code} {err!r} {merged.get("lenses", [{}])[0].get("names")!r}')
    named_theirs['lenses'][0]['names']['fr'] = 'Niveau de coopération'
    save(named_theirs, p('named-theirs2.json'))
    code, out, err = run('--merge', p('named.json'), p('named-ours.json'), p('named-theirs2.json'),
                         '--output', p('named-conflict.json'))
    check('--merge of one translation changed on both sides is a conflict',
          code == 1 and f'lenses[{lens_id}].names.fr: ours "Profondeur de la coopération", theirs "Niveau de coopération"'
          in err, f'{code} {err!r}')

    # --merge, conflict: over ours by default
    shutil.copy(p('ours.json'), p('ours2.json'))
    code, out, err = run('--merge', p('base.json'), p('ours2.json'), p('theirs.json'))
    check('--merge with a conflict exits 1', code == 1, f'{code} {err!r}')
    check('the conflict is on stderr in the issue\'s words',
          'partners[JP].indicators.budapest_convention: ours "signatory", theirs "pending" (base "party")' in err.splitlines(), repr(err))
    merged = load(p('ours2.json'))
    check('ours is kept for the conflicted field, theirs taken elsewhere',
          partner(merged, 'JP')['indicators']['budapest_convention'] == 'signatory'
          and len(merged['partners'][0]['documents']) == len(base['partners'][0]['documents']) + 1)
    check('the file records the conflict', [c['path'] for c in merged.get('merge_conflicts', [])] ==
          ['partners[JP].indicators.budapest_convention'], repr(merged.get('merge_conflicts')))
    code, _, err = run('--validate', p('ours2.json'))
    check('the merge with a conflict is valid', code == 0, err)

    # Bad input: nothing written
    newer = copy.deepcopy(base)
    newer['schema_version'] = 99
    save(newer, p('newer.json'))
    with open(p('not.json'), 'w') as f:
        f.write('{"hello": "world"}\n')
    for name, args in (('a newer schema_version', ('base.json', 'ours.json', 'newer.json')),
                       ('a file that is not a dataset', ('not.json', 'ours.json', 'theirs.json')),
                       ('a missing file', ('base.json', 'ours.json', 'missing.json'))):
        before = open(p('ours.json'), 'rb').read()
        listing = sorted(os.listdir(tmp))
        code, out, err = run('--merge', *[p(a) for a in args])
        bad = [a for a in args if a in ('newer.json', 'not.json', 'missing.json')][0]
        check(f'--merge with {name} exits 2 naming the file', code == 2 and bad in err, f'{code} {err!r}')
        check(f'--merge with {name} writes nothing', open(p('ours.json'), 'rb').read() == before
              and sorted(os.listdir(tmp)) == listing)

    # git merge with the driver
    repo = p('repo')
    os.mkdir(repo)
    git('init', '-q', '-b', 'main', cwd=repo)
    with open(os.path.join(repo, '.gitattributes'), 'w') as f:
        f.write('*.atlas.json merge=cyber-atlas diff=cyber-atlas\n')
    git('config', 'merge.cyber-atlas.name', 'Cyber Diplomacy Atlas dataset merge', cwd=repo)
    git('config', 'merge.cyber-atlas.driver', f'{cyber_atlas} --merge %O %A %B', cwd=repo)
    git('config', 'diff.cyber-atlas.command',
        f'sh -c \'echo "$1"; {cyber_atlas} --diff "$2" "$5"; [ $? -le 1 ]\' cyber-atlas-diff', cwd=repo)
    file = os.path.join(repo, 'eu.atlas.json')
    save(base, file)
    git('add', '.', cwd=repo)
    git('commit', '-q', '-m', 'base', cwd=repo)

    def branch(name, data, start='main'):
        git('checkout', '-q', '-b', name, start, cwd=repo)
        save(data, file)
        git('commit', '-q', '-am', name, cwd=repo)
        git('checkout', '-q', 'main', cwd=repo)

    branch('desk', ours)
    branch('delegation', other)
    branch('ministry', theirs)

    diff = git('diff', 'main', 'desk', cwd=repo)
    text = diff.stdout.decode()
    check('git diff uses the field diff', diff.returncode == 0 and
          'partners[JP].indicators.budapest_convention: "party" -> "signatory"' in text, text + diff.stderr.decode())

    git('checkout', '-q', '-b', 'clean', 'desk', cwd=repo)
    result = git('merge', '-q', '--no-edit', 'delegation', cwd=repo)
    merged = load(file)
    check('git merge of different partners is clean', result.returncode == 0, result.stderr.decode())
    check('git merge of different partners has both',
          partner(merged, 'JP')['indicators']['budapest_convention'] == 'signatory'
          and partner(merged, 'CN')['assessment'].endswith(' More.'))

    git('checkout', '-q', '-b', 'conflict', 'desk', cwd=repo)
    result = git('merge', '-q', '--no-edit', 'ministry', cwd=repo)
    status = git('status', '--porcelain', cwd=repo).stdout.decode()
    with open(file, encoding='utf-8') as f:
        text = f.read()
    check('git merge of the same indicator stops with a conflict', result.returncode != 0 and 'UU eu.atlas.json' in status,
          status + result.stdout.decode() + result.stderr.decode())
    check('the conflicted file has no conflict markers and is JSON', '<<<<<<<' not in text and json.loads(text) is not None)
    check('the conflicted file keeps ours and records theirs',
          partner(json.loads(text), 'JP')['indicators']['budapest_convention'] == 'signatory'
          and json.loads(text)['merge_conflicts'][0]['theirs'] == 'pending')

print(f'1..{len(results)}')
for i, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} {name}')
    if not ok and detail:
        for line in str(detail).splitlines():
            print(f'# {line}')
