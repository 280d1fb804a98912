#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The shell completions: bash, sourced, registers itself and completes the
# options, the formats after --export, the lens and partner ids of the
# dataset on the line, JSON files for --validate; zsh's parses, loads under
# compinit and knows every option. Both must know every option --help-all
# prints.
# Usage: test-completion.py CYBER_ATLAS BASH_COMPLETION ZSH_COMPLETION SOURCE_ROOT

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

binary, bash_script, zsh_script, source_root = map(os.path.abspath, sys.argv[1:5])
dataset = os.path.join(source_root, 'tests', 'data', 'minimal.json')
count = 0
env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='',
           PATH=os.path.dirname(os.path.abspath(binary)) + os.pathsep + os.environ.get('PATH', ''))


def ok(passed, what, detail=''):
    global count
    count += 1
    print(('ok' if passed else 'not ok') + f' {count} - {what}')
    if not passed and detail:
        for line in str(detail).splitlines()[:40]:
            print('# ' + line)
    return passed


def complete(*words, cwd=None):
    """COMPREPLY for the line `cyber-atlas WORDS`, the last word being the one
    completed, as bash would split it (--x=y gives --x, =, y)."""
    split = []
    for w in words:
        m = re.match(r'^(--[a-z-]+)=(.*)$', w)
        split += [m.group(1), '=', m.group(2)] if m else [w]
    line = ' '.join(['cyber-atlas'] + list(words))
    script = f'''
source {shlex.quote(bash_script)}
COMP_WORDS=(cyber-atlas {' '.join(shlex.quote(w) for w in split)})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE={shlex.quote(line)}
COMP_POINT=${{#COMP_LINE}}
_cyber_atlas
printf '%s\\n' "${{COMPREPLY[@]}}"
'''
    proc = subprocess.run(['bash', '--norc', '--noprofile', '-c', script], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=60)
    return [l for l in proc.stdout.splitlines() if l], proc.stderr


def help_options():
    out = subprocess.run([binary, '--help-all'], capture_output=True, text=True, env=env,
                         timeout=60, check=True).stdout
    return sorted(set(re.findall(r'^\s+(?:-\w, )?(--[a-z][a-z0-9-]*)', out, re.M)))


print('1..11')
options = help_options()

proc = subprocess.run(['bash', '--norc', '--noprofile', '-c',
                       f'source {shlex.quote(bash_script)} && complete -p cyber-atlas'],
                      capture_output=True, text=True, env=env, timeout=60)
ok(proc.returncode == 0 and re.fullmatch(r'complete -F \w+ cyber-atlas\n', proc.stdout),
   'bash: after sourcing, complete -p cyber-atlas names its function', proc.stdout + proc.stderr)

# What --export accepts, from the command line's own message.
proc = subprocess.run([binary, '--export', 'no-such-format', '--output', os.path.join(tempfile.gettempdir(), 'atlas-no-such-export')],
                      capture_output=True, text=True, env=env, timeout=60)
m = re.search(r'use one of: ([a-z0-9, -]+)\)', proc.stderr)
accepted = sorted(m.group(1).split(', ')) if m else []
got, err = complete('--export', '')
ok(len(accepted) >= 6 and sorted(got) == accepted,
   f'bash: "--export " lists the {len(accepted)} formats --export accepts',
   f'completed {got}\naccepted {accepted}\n{err}')

got, err = complete('--export=p')
ok(sorted(got) == sorted(f for f in accepted if f.startswith('p')) and got,
   'bash: "--export=p" completes to the formats starting with p', f'{got}\n{err}')

with open(dataset, encoding='utf-8') as f:
    data = json.load(f)
lenses = sorted(lens['id'] for lens in data['lenses'])
partners = sorted(p['id'] for p in data['partners'])

got, err = complete(dataset, '--export', 'png', '--lens', '')
ok(sorted(got) == lenses, f'bash: "--lens " lists the lenses of the dataset on the line, {lenses}',
   f'{got}\n{err}')

got, err = complete(dataset, '--partners', partners[0].lower() + ',')
ok(sorted(got) == sorted(f'{partners[0].lower()},{p}' for p in partners),
   'bash: "--partners XX," lists the partner ids of the dataset after the comma', f'{got}\n{err}')

got, err = complete('--')
ok(sorted(got) == options, 'bash: "--" lists every option --help-all prints, and no other',
   f'missing {sorted(set(options) - set(got))}, unknown {sorted(set(got) - set(options))}')

with tempfile.TemporaryDirectory() as tmp:
    for name in ('a.json', 'b.txt'):
        open(os.path.join(tmp, name), 'w').close()
    os.mkdir(os.path.join(tmp, 'sub'))
    got, err = complete('--validate', '', cwd=tmp)
    ok(sorted(got) == ['a.json', 'sub'], 'bash: datasets complete to JSON files and folders',
       f'{got}\n{err}')

if not shutil.which('zsh'):
    for what in ('zsh is installed', 'zsh: the completion knows every option',
                 'zsh: "--export " lists the formats', 'zsh: "--lens " lists the lenses'):
        ok(False, what)
    sys.exit(0)

# compinit writes its dump file even with -D when -d names one: give it a
# file of its own in a temporary folder (never /dev/null: as root it
# replaces the device with a regular file), and a ZDOTDIR there too.
with tempfile.TemporaryDirectory() as zdot:
    proc = subprocess.run(['zsh', '-f', '-c', f'''
zsh -n {shlex.quote(zsh_script)} || exit 1
autoload -Uz compinit && compinit -u -d {shlex.quote(os.path.join(zdot, 'zcompdump'))}
fpath=({shlex.quote(os.path.dirname(os.path.abspath(zsh_script)))} $fpath)
autoload -Uz _cyber-atlas && functions _cyber-atlas >/dev/null && print ${{_comps[cyber-atlas]-none}}
'''], capture_output=True, text=True, env=dict(env, ZDOTDIR=zdot), timeout=60)
first_line = open(zsh_script, encoding='utf-8').readline().strip()
ok(proc.returncode == 0 and first_line == '#compdef cyber-atlas',
   'zsh: the completion parses, loads under compinit and is a #compdef for cyber-atlas',
   proc.stdout + proc.stderr)

spec = open(zsh_script, encoding='utf-8').read()
missing = [o for o in options if not re.search(r"(?<![\w-])" + re.escape(o) + r"(?![\w-])", spec)]
ok(not missing, 'zsh: the completion knows every option --help-all prints', f'missing {missing}')


def zsh_complete(line, last):
    """What an interactive zsh lists for LINE followed by Tab, read until
    LAST (the last candidate in zsh's sorted listing) shows, or a timeout.
    The pty is made wide: a line longer than its 80 columns (a dataset
    under a long path, as in the unpacked dist tarball) would be echoed
    wrapped, and the pattern waiting for it would never match."""
    with tempfile.TemporaryDirectory() as zdot:
        script = f'''
zmodload zsh/zpty
zpty -b z "zsh -f -i"
zpty -w z {shlex.quote("stty columns 4000; PS1='> '; fpath=(" + shlex.quote(os.path.dirname(zsh_script)) + " $fpath); autoload -Uz compinit; compinit -u -d " + shlex.quote(os.path.join(zdot, 'zcompdump')))}
zpty -w -n z {shlex.quote(line)}$'\\t'
zpty -r z out {shlex.quote('*' + line + '*' + last + '*')} && print -r -- "$out"
zpty -d z
'''
        try:
            proc = subprocess.run(['zsh', '-f', '-c', script], capture_output=True, text=True,
                                  env=dict(env, ZDOTDIR=zdot), timeout=90)
            out = proc.stdout
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b'').decode('utf-8', 'replace') if isinstance(e.stdout, bytes) else (e.stdout or '')
    out = re.sub(r'\x1b\[[0-9;?]*[A-Za-z]', '', out).replace('\r', '')
    # What follows the last echo of the line typed is zsh's listing.
    return set(re.findall(r'[\w.-]+', out.split(line.strip(), 1)[-1] if line.strip() in out else ''))


listed = zsh_complete('cyber-atlas --export ', sorted(accepted)[-1] if accepted else 'svg')
ok(set(accepted) <= listed and accepted, 'zsh: "--export " lists the formats --export accepts',
   f'listed {sorted(listed)}, accepted {accepted}')

listed = zsh_complete(f'cyber-atlas {dataset} --export png --lens ', lenses[-1])
ok(set(lenses) <= listed, f'zsh: "--lens " lists the lenses of the dataset on the line, {lenses}',
   f'listed {sorted(listed)}')
