#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`cyber-atlas --validate FILE...`: exit status, one line per problem on
stdout, a summary on stderr, no display needed, files left untouched.

Usage: test-validate-cli.py CYBER_ATLAS SOURCE_ROOT (prints TAP)."""

import os
import subprocess
import sys
import tempfile

cyber_atlas, source_root = sys.argv[1], sys.argv[2]
minimal = os.path.join(source_root, 'tests', 'data', 'minimal.json')
bundled = os.path.join(source_root, 'data', 'dataset.json')

results = []


def check(name, condition, detail=''):
    results.append((name, condition, detail))


def run(*files):
    env = dict(os.environ)
    # Headless: no display of any kind.
    for key in ('DISPLAY', 'WAYLAND_DISPLAY'):
        env.pop(key, None)
    env['LC_ALL'] = 'C'
    proc = subprocess.run([cyber_atlas, '--validate', *files], env=env,
                          capture_output=True, timeout=60)
    return proc.returncode, proc.stdout.decode('utf-8'), proc.stderr.decode('utf-8')


with open(minimal, encoding='utf-8') as f:
    minimal_text = f.read()

with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, 'bad.json')
    with open(bad, 'w', encoding='utf-8') as f:
        f.write(minimal_text.replace('"wcit_2012": "refused"', '"wcit_2012": "maybe"', 1)
                            .replace('"id": "CN"', '"id": "XX"', 1))
    accented = os.path.join(tmp, 'accented.json')
    with open(accented, 'w', encoding='utf-8') as f:
        f.write(minimal_text.replace('"wcit_2012": "refused"', '"wcit_2012": "signé"', 1))
    not_json = os.path.join(tmp, 'not.json')
    with open(not_json, 'w', encoding='utf-8') as f:
        f.write('{"format": ')
    missing = os.path.join(tmp, 'missing.json')
    before = {p: (os.stat(p).st_mtime_ns, open(p, 'rb').read()) for p in (bad, minimal, bundled)}

    code, out, err = run(bundled, minimal)
    check('valid files exit 0', code == 0, f'exit {code}')
    check('valid files print no problem', out == '', repr(out))
    check('valid files print a summary on stderr', err.strip() == '2 files valid', repr(err))

    code, out, err = run(minimal, bad)
    check('an invalid file exits 1', code == 1, f'exit {code}')
    check('one line per problem, file:line:col: the problem in the dataset\'s words [JSON path]',
          out.splitlines() == [
              f'{bad}:71:22: United States’s WCIT-12 is “maybe”, which is not one of Signed, Refused'
              ' [partners[0].indicators.wcit_2012]',
              f'{bad}:118:13: China, the code: "XX" is not an ISO 3166-1 alpha-2 country code [partners[1].id]',
          ], repr(out))
    check('the summary counts files and problems',
          err.strip() == '1 of 2 files invalid, 2 problems', repr(err))

    code, out, err = run(accented)
    check('text from the file is printed as UTF-8 in a C locale',
          code == 1 and 'WCIT-12 is “signé”, which is not one of' in out, repr(out))

    code, out, err = run(not_json)
    check('broken JSON exits 1 with its place',
          code == 1 and out.startswith(f'{not_json}:1:12: ') and
          'unexpected end of file' in out.lower(), repr(out))

    code, out, err = run(missing, minimal)
    check('a missing file exits 1 and is named',
          code == 1 and out.startswith(f'{missing}: ') and len(out.splitlines()) == 1, repr(out))

    # Dataset text that would act on a terminal or forge a problem line.
    forged = os.path.join(tmp, 'forged.json')
    with open(forged, 'w', encoding='utf-8') as f:
        f.write(minimal_text.replace(
            '"wcit_2012": "refused"',
            '"wcit_2012": "x\\u001b]0;owned\\u0007\\u001b[2J\\n'
            'other.json:1:1: forged\\u009b31m\\u202egnp.exe"', 1))
    code, out, err = run(forged)
    check('dataset text is printed escaped: one problem, one line',
          code == 1 and len(out.splitlines()) == 1 and
          '“x\\u001b]0;owned\\u0007\\u001b[2J\\nother.json:1:1: forged\\u009b31m\\u202egnp.exe”'
          in out, repr(out))
    check('no control or bidi character reaches the terminal',
          not any(ord(c) < 0x20 and c != '\n' or 0x7f <= ord(c) <= 0x9f or c == '\u202e'
                  for c in out + err), repr(out + err))

    newline_name = os.path.join(tmp, 'new\nline.json')
    with open(newline_name, 'w', encoding='utf-8') as f:
        f.write(minimal_text.replace('"wcit_2012": "refused"', '"wcit_2012": "maybe"', 1))
    code, out, err = run(newline_name)
    check('a file name is printed escaped too',
          code == 1 and len(out.splitlines()) == 1 and 'new\\nline.json:' in out, repr(out))

    # The app and the JSON Schema take the same links and years.
    import json
    import jsonschema
    with open(os.path.join(source_root, 'data', 'dataset.schema.json'), encoding='utf-8') as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    for name, find, value in [
            ('an upper-case scheme', '"url": "https://example.org/paper"', '"url": "HTTPS://EXAMPLE.COM/"'),
            ('a link with credentials', '"url": "https://example.org/paper"',
             '"url": "https://user:pass@example.com/"'),
            ('a link hiding its host', '"url": "https://example.org/paper"',
             '"url": "https://example.org@evil.example/"'),
            ('an @ in the path', '"url": "https://example.org/paper"', '"url": "https://example.org/@a"'),
            ('a year written 2014.0', '"year": 2014,', '"year": 2014.0,'),
            ('a year written 2014.5', '"year": 2014,', '"year": 2014.5,')]:
        case = os.path.join(tmp, 'case.json')
        text = minimal_text.replace(find, value, 1)
        with open(case, 'w', encoding='utf-8') as f:
            f.write(text)
        schema_ok = validator.is_valid(json.loads(text))
        code, out, err = run(case)
        check(f'app and schema agree on {name}', (code == 0) == schema_ok,
              f'schema {schema_ok}, app exit {code}: {out!r}')

    # The format additions: rounds, a lens's opening date, membership changes.
    rounds = os.path.join(source_root, 'tests', 'data', 'rounds.json')
    code, out, err = run(rounds)
    check('rounds, opens and member_changes validate', code == 0 and out == '', repr(out))
    with open(rounds, encoding='utf-8') as f:
        rounds_text = f.read()
    late = os.path.join(tmp, 'late.json')
    with open(late, 'w', encoding='utf-8') as f:
        f.write(rounds_text.replace('"date": "2017"', '"date": "2024"', 1)
                           .replace('"date": "2020-01-31"', '"date": "2027-01-31"', 1))
    code, out, err = run(late)
    lines = out.splitlines()
    check('rounds out of order and a change after as_of are located problems',
          code == 1 and len(lines) == 2 and
          any(line.endswith(': United States, the dialogue “Summit”, the round of 2019-05, the date: '
                            'rounds run oldest first: 2019-05 comes after 2024 [partners[0].dialogues[0].rounds[1].date]')
              for line in lines) and
          any(line.endswith(': European Union, the change of its members of 2027-01-31, the date: '
                            '2027-01-31 is after the dataset\'s date 2026-01-31 [subject.member_changes[0].date]')
              for line in lines), repr(out))
    for name, find, value in [
            ('a round dated by its year only', '"date": "2017"', '"date": "2017"'),
            ('a round with a bad date', '"date": "2017"', '"date": "2017-13"'),
            ('a round numbered 0', '"number": 6', '"number": 0'),
            ('a lens opening on a bad date', '"opens": "2025-10-25"', '"opens": "2025-10"')]:
        case = os.path.join(tmp, 'case.json')
        text = rounds_text.replace(find, value, 1)
        with open(case, 'w', encoding='utf-8') as f:
            f.write(text)
        code, out, err = run(case)
        check(f'app and schema agree on {name}',
              (code == 0) == validator.is_valid(json.loads(text)), f'app exit {code}: {out!r}')

    after = {p: (os.stat(p).st_mtime_ns, open(p, 'rb').read()) for p in before}
    check('--validate leaves the files untouched', before == after)

print(f'1..{len(results)}')
for i, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} {name}')
    if not ok and detail:
        print(f'# {detail}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
