#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Nothing lost, nothing hung, as a user (or bad luck) would try it, on real
processes: special files as inputs and outputs of the command line, its own
input as its output, the file size limit, a full file system, and a kill
loop over saves and exports.

Usage: test-safe-write-cli.py CYBER_ATLAS SAVE_HELPER SOURCE_ROOT (prints TAP)."""

import os
import random
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

cyber_atlas, helper, source_root = (os.path.abspath(a) for a in sys.argv[1:4])
minimal = os.path.join(source_root, 'tests', 'data', 'minimal.json')

KILLS = 30            # per kill loop
SLOW_US = 1500        # per KiB written: a save of minimal.json takes ~0.1 s
TIMEOUT = 20          # seconds: no command may hang

results = []


def check(name, condition, detail=''):
    results.append((name, bool(condition), detail, None))


def skip(name, reason):
    results.append((name, True, '', reason))


def env_for(tmp):
    env = dict(os.environ)
    for key in ('DISPLAY', 'WAYLAND_DISPLAY'):
        env.pop(key, None)
    env['LC_ALL'] = 'C.UTF-8'
    env['LANGUAGE'] = 'C'
    # Drafts of the helper's edits stay in the test's folder.
    env['XDG_STATE_HOME'] = os.path.join(tmp, 'state')
    return env


def run(args, tmp, preexec=None):
    try:
        proc = subprocess.run(args, env=env_for(tmp), capture_output=True, timeout=TIMEOUT,
                              preexec_fn=preexec)
    except subprocess.TimeoutExpired:
        return None, '', 'TIMEOUT'
    return proc.returncode, proc.stdout.decode('utf-8', 'replace'), proc.stderr.decode('utf-8', 'replace')


def atlas(tmp, *args, preexec=None):
    return run([cyber_atlas, *args], tmp, preexec)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def write(path, data, mode=None):
    with open(path, 'wb') as f:
        f.write(data)
    if mode is not None:
        os.chmod(path, mode)


def parts(folder):
    return sorted(n for n in os.listdir(folder) if n.endswith('.part'))


def make_device(path):
    """A character device like /dev/null, where root may make one."""
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        return True
    except OSError:
        return False


def test_special_inputs(tmp):
    fifo = os.path.join(tmp, 'in.fifo')
    os.mkfifo(fifo)
    out = os.path.join(tmp, 'out.csv')
    for what, path, word in (('a FIFO', fifo, 'named pipe'), ('/dev/zero', '/dev/zero', 'device'),
                             ('a folder', tmp, 'folder')):
        code, stdout, stderr = atlas(tmp, '--validate', path)
        check(f'--validate {what}: exit 1 at once, no hang, says what it is',
              code == 1 and word in stdout and path in stdout, f'{code} {stdout!r} {stderr!r}')
        code, stdout, stderr = atlas(tmp, '--export', 'csv', '--output', out, path)
        check(f'--export of {what}: exit 1 at once, no hang, says what it is',
              code == 1 and word in stderr, f'{code} {stderr!r}')
    check('no output written for a refused input', not os.path.exists(out))


def test_special_outputs(tmp):
    fifo = os.path.join(tmp, 'out.fifo')
    os.mkfifo(fifo)
    code, _, stderr = atlas(tmp, '--export', 'csv', '--output', fifo)
    check('--output a FIFO: refused, the FIFO stays', code == 1 and 'named pipe' in stderr
          and stat.S_ISFIFO(os.lstat(fifo).st_mode), f'{code} {stderr!r}')

    device = os.path.join(tmp, 'null')
    if make_device(device):
        code, _, stderr = atlas(tmp, '--export', 'csv', '--output', device)
        check('--output a device: refused, the device stays', code == 1 and 'device' in stderr
              and stat.S_ISCHR(os.lstat(device).st_mode), f'{code} {stderr!r}')
        to_device = os.path.join(tmp, 'to-null')
        os.symlink(device, to_device)
        code, _, stderr = atlas(tmp, '--export', 'csv', '--output', to_device)
        check('--output a symlink to a device: refused, both stay', code == 1 and 'device' in stderr
              and stat.S_ISLNK(os.lstat(to_device).st_mode)
              and stat.S_ISCHR(os.lstat(device).st_mode), f'{code} {stderr!r}')
    else:
        skip('--output a device: refused, the device stays', 'cannot make a device node here')
        skip('--output a symlink to a device: refused, both stay', 'cannot make a device node here')

    code, _, stderr = atlas(tmp, '--export', 'csv', '--output', tmp)
    check('--output a folder: refused', code == 1 and 'folder' in stderr, f'{code} {stderr!r}')

    code, _, stderr = atlas(tmp, '--export', 'csv', '--output', '/proc/self/status')
    check('--output /proc/self/status: says files cannot be created there, not that the folder is missing',
          code == 1 and 'does not allow creating files' in stderr and 'does not exist' not in stderr,
          f'{code} {stderr!r}')
    check('no part file left by refused outputs', parts(tmp) == [], parts(tmp))


def test_output_links_and_modes(tmp):
    real = os.path.join(tmp, 'real.csv')
    link = os.path.join(tmp, 'link.csv')
    write(real, b'old\n', 0o600)
    os.symlink('real.csv', link)
    code, _, stderr = atlas(tmp, '--export', 'csv', '--output', link)
    check('--output a symlink: exit 0, the link stays a link', code == 0
          and stat.S_ISLNK(os.lstat(link).st_mode), f'{code} {stderr!r}')
    check('--output a symlink: its target is replaced', read(real).startswith(b'id,'), read(real)[:40])
    check('--output a symlink: the 0600 target stays 0600', stat.S_IMODE(os.stat(real).st_mode) == 0o600,
          oct(os.stat(real).st_mode))

    plain = os.path.join(tmp, 'plain.csv')
    write(plain, b'old\n', 0o600)
    code, _, _ = atlas(tmp, '--export', 'csv', '--output', plain)
    check('--output over a 0600 file keeps 0600', code == 0 and stat.S_IMODE(os.stat(plain).st_mode) == 0o600,
          oct(os.stat(plain).st_mode))


def test_output_owner(tmp):
    """--output over a file of someone else's, by a user who may write in
    its folder but not give the file back: the export goes through, and a
    warning says the file is now theirs (it used to be said only in debug
    output)."""
    name = '--output over a file of another user: exit 0, a warning says the file is now yours'
    if os.geteuid() != 0:
        skip(name, 'only root can make a file someone else\'s and become another user')
        return
    os.chmod(tmp, 0o755)
    shared = os.path.join(tmp, 'shared')
    os.mkdir(shared)
    os.chmod(shared, 0o777)
    theirs = os.path.join(shared, 'roots.csv')
    write(theirs, b'old\n', 0o644)

    def become_someone_else():
        os.setgroups([])
        os.setgid(4322)
        os.setuid(4321)

    # Under the sanitizer job, leak detection would have to trace a
    # process that changed its user: not what this checks.
    asan = os.environ.get('ASAN_OPTIONS')
    if asan is not None:
        os.environ['ASAN_OPTIONS'] = asan + ':detect_leaks=0'
    try:
        code, _, stderr = atlas(tmp, '--export', 'csv', '--output', theirs, preexec=become_someone_else)
    except subprocess.SubprocessError as e:  # the ids cannot be taken here (a user namespace)
        skip(name, repr(e))
        return
    except PermissionError as e:  # the other user cannot reach the build (a private folder on its path,
        skip(name, repr(e))       # as meson dist's unpacked tarball is)
        return
    finally:
        if asan is not None:
            os.environ['ASAN_OPTIONS'] = asan
    check(name, code == 0 and 'now belongs to you' in stderr and os.stat(theirs).st_uid == 4321
          and read(theirs).startswith(b'id,'), f'{code} {stderr!r}')
    check('--output over a file of another user: its mode kept', stat.S_IMODE(os.stat(theirs).st_mode) == 0o644,
          oct(os.stat(theirs).st_mode))

    # What root may keep, it keeps, without a word.
    os.chown(theirs, 4321, 4322)
    code, _, stderr = atlas(tmp, '--export', 'csv', '--output', theirs)
    check('--output over a file of another user, as root: owner kept, no warning',
          code == 0 and os.stat(theirs).st_uid == 4321 and 'belongs' not in stderr, f'{code} {stderr!r}')


def test_own_input(tmp):
    data = os.path.join(tmp, 'd.json')
    shutil.copy(minimal, data)
    os.chmod(data, 0o600)
    before = read(data)
    code, _, stderr = atlas(tmp, '--export', 'json', '--partners', 'US', '--output', data, data)
    check('--output its own input: refused, names --force', code == 1 and '--force' in stderr,
          f'{code} {stderr!r}')
    check('--output its own input: the input untouched', read(data) == before)

    alias = os.path.join(tmp, 'alias.json')
    os.symlink('d.json', alias)
    code, _, stderr = atlas(tmp, '--export', 'json', '--partners', 'US', '--output', alias, data)
    check('--output a symlink to its own input: refused too', code == 1 and read(data) == before,
          f'{code} {stderr!r}')

    code, _, stderr = atlas(tmp, '--export', 'json', '--partners', 'US', '--output', data, '--force', data)
    check('--force: exit 0, the input replaced by the export', code == 0 and read(data) != before,
          f'{code} {stderr!r}')
    check('--force: the old input kept as FILE~ with its mode', read(data + '~') == before
          and stat.S_IMODE(os.stat(data + '~').st_mode) == 0o600)


def limit_file_size(size):
    def preexec():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return preexec


def test_file_size_limit(tmp):
    out = os.path.join(tmp, 'limited.json')
    write(out, b'old export\n')
    code, _, stderr = atlas(tmp, '--export', 'json', '--output', out, preexec=limit_file_size(8192))
    check('RLIMIT_FSIZE: the export fails with a message, not SIGXFSZ',
          code == 1 and 'file size limit' in stderr, f'{code} {stderr!r}')
    check('RLIMIT_FSIZE: the old export stands, no part file', read(out) == b'old export\n'
          and parts(tmp) == [], parts(tmp))

    real = os.path.join(tmp, 'real.json')
    link = os.path.join(tmp, 'link.json')
    hard = os.path.join(tmp, 'hard.json')
    shutil.copy(minimal, real)
    os.symlink('real.json', link)
    os.link(real, hard)
    before = read(real)
    size = len(before) + 1000
    for what, path in (('a symlink', link), ('a hard link', hard)):
        code, out_text, _ = run([helper, 'save', path, 'x' * 100000], tmp, limit_file_size(size))
        check(f'RLIMIT_FSIZE: a save through {what} fails with a message',
              code == 1 and 'file size limit' in out_text, f'{code} {out_text!r}')
        check(f'RLIMIT_FSIZE: after a save through {what} the file is as it was',
              read(real) == before and read(hard) == before and parts(tmp) == [])


FULL_DISK_SCRIPT = r'''
set -e
mount -t tmpfs -o size=256k tmpfs "$1"
echo mounted
cd "$1"
cp "$3" real.json
ln -s real.json link.json
ln real.json hard.json
"$2" save link.json "$4" > symlink.out 2>&1 && echo "symlink saved" || echo "symlink failed"
cmp -s real.json "$3" && echo "symlink intact" || echo "symlink damaged"
"$2" save hard.json "$4" > hard.out 2>&1 && echo "hard saved" || echo "hard failed"
cmp -s real.json "$3" && cmp -s hard.json "$3" && echo "hard intact" || echo "hard damaged"
cat symlink.out hard.out
cp "$3" small.json
mount -o remount,ro "$1"
"$2" save small.json short && echo "ro saved" || echo "ro failed"
cmp -s small.json "$3" && echo "ro intact" || echo "ro damaged"
ls -a | grep -c '\.part$' || true
'''


def test_full_disk(tmp):
    """A real full file system: a 256 KiB tmpfs in a private mount
    namespace (unshare), the save 300 KB larger than the file."""
    mnt = os.path.join(tmp, 'small')
    os.mkdir(mnt)
    if shutil.which('unshare') is None:
        skip('full disk: a save through a symlink fails and the file is intact', 'no unshare')
        return
    args = ['unshare', '-m', '--propagation', 'private'] if os.geteuid() == 0 else ['unshare', '-rm']
    code, out, err = run(args + ['sh', '-c', FULL_DISK_SCRIPT, 'sh', mnt, helper, minimal, 'repeat:300000'],
                         tmp)
    if code is None or 'mounted' not in out:
        reason = 'cannot mount a tmpfs here: ' + (err.strip().splitlines() or ['?'])[-1]
        skip('full disk: a save through a symlink fails and the file is intact', reason)
        skip('full disk: a save through a hard link fails and both names are intact', reason)
        return
    check('full disk: a save through a symlink fails, says the disk is full, the file is intact',
          'symlink failed' in out and 'symlink intact' in out and 'the disk is full' in out, out)
    check('full disk: a save through a hard link fails and both names are intact',
          'hard failed' in out and 'hard intact' in out, out)
    check('full disk: no part file left', out.strip().splitlines()[-1] == '0', out)
    check('read-only disk: a save fails, saying the folder is on a read-only disk, the file intact',
          'ro failed' in out and 'ro intact' in out and 'read-only disk' in out, out)


def kill_loop(tmp, name, args, target, old, reset):
    """Runs @args KILLS times, each killed (SIGKILL) at a random moment of
    its life; after each, @target must hold @old or the new bytes whole."""
    # The new bytes, and how long a whole run takes.
    reset()
    started = time.monotonic()
    code, out, _ = run(args, tmp)
    duration = time.monotonic() - started
    new = read(target)
    if code != 0 or new == old:
        check(f'{name}: an unkilled run writes the new file', False, out)
        return
    counts = {'old': 0, 'new': 0, 'other': 0, 'mid-write': 0}
    deadline = time.monotonic() + 12
    for _ in range(KILLS):
        if time.monotonic() > deadline:
            break
        reset()
        proc = subprocess.Popen(args, env=env_for(tmp), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0, duration * 1.2))
        if parts(os.path.dirname(os.path.realpath(target))):
            counts['mid-write'] += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = read(target)
        counts['old' if now == old else 'new' if now == new else 'other'] += 1
    total = counts['old'] + counts['new'] + counts['other']
    print(f'# {name}: {total} kills ({counts["mid-write"]} while a part file existed): '
          f'{counts["old"]} old, {counts["new"]} new, {counts["other"]} damaged '
          f'(a whole run takes {duration * 1000:.0f} ms)')
    check(f'{name}: after each of {total} kills the file is the old or the new one, whole',
          counts['other'] == 0 and total >= 10, counts)
    check(f'{name}: some kills landed in the middle of the write', counts['mid-write'] > 0, counts)
    # The next write removes what the killed ones left.
    reset()
    code, out, _ = run(args, tmp)
    folder = os.path.dirname(os.path.realpath(target))
    check(f'{name}: no part file survives the next write', code == 0 and parts(folder) == [],
          parts(folder))


def test_kill_loops(tmp):
    real_dir = os.path.join(tmp, 'real')
    os.mkdir(real_dir)
    real = os.path.join(real_dir, 'dataset.json')
    link = os.path.join(tmp, 'dataset.json')
    os.symlink(real, link)
    old = read(minimal)

    def reset_save():
        write(real, old)

    kill_loop(tmp, 'kill loop, save through a symlink',
              [helper, 'save', link, 'z' * 60000, str(SLOW_US)], real, old, reset_save)
    check('kill loop, save: the symlink is still a symlink', stat.S_ISLNK(os.lstat(link).st_mode))

    export_real = os.path.join(real_dir, 'export.json')
    export_link = os.path.join(tmp, 'export.json')
    os.symlink(export_real, export_link)
    old_export = b'{"an": "older export"}\n'

    def reset_export():
        write(export_real, old_export)

    kill_loop(tmp, 'kill loop, export through a symlink',
              [helper, 'export', 'json', export_link, str(SLOW_US // 3)], export_real, old_export,
              reset_export)


for test in (test_special_inputs, test_special_outputs, test_output_links_and_modes, test_output_owner,
             test_own_input,
             test_file_size_limit, test_full_disk, test_kill_loops):
    with tempfile.TemporaryDirectory(prefix='atlas-safe-cli-') as tmp:
        try:
            test(tmp)
        except Exception as e:  # a crash of the test is a failure, with its reason
            check(f'{test.__name__} ran', False, repr(e))

print(f'1..{len(results)}')
for i, (name, ok, detail, skipped) in enumerate(results, 1):
    if skipped is not None:
        print(f'ok {i} - {name} # SKIP {skipped}')
        continue
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
    if not ok and detail:
        for line in str(detail).splitlines():
            print(f'# {line}')
