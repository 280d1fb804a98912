#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the libFuzzer target of dataset loading and saving (fuzz-load.c):
first over every input of the committed corpus once, then mutating it for a
bounded time. Any report (crash, sanitizer error, leak, time-out, memory
limit, a failed round trip) fails. Prints TAP with the figures: runs,
edges covered.

Usage: run-fuzz.py FUZZER WORK_DIR SEED_DIR... (ATLAS_FUZZ_SECONDS, default
60, bounds the second step)."""

import os
import re
import shutil
import subprocess
import sys

fuzzer, work, seeds = sys.argv[1], sys.argv[2], sys.argv[3:]
seconds = int(os.environ.get('ATLAS_FUZZ_SECONDS', '60'))
options = ['-max_len=65536', '-timeout=10', '-rss_limit_mb=2048', '-print_final_stats=1',
           '-detect_leaks=1']

# New inputs go to a working folder, never into the checkout.
shutil.rmtree(work, ignore_errors=True)
corpus = os.path.join(work, 'corpus')
os.makedirs(corpus)
artifacts = os.path.join(work, 'artifact-')

results = []


# The fast unwinder: the fuzz target needs no leak suppression by stack,
# and the slow one would cost most of the runs.
env = dict(os.environ)
env['ASAN_OPTIONS'] = ':'.join(filter(None, [env.get('ASAN_OPTIONS'), 'fast_unwind_on_malloc=1']))


def run(name, args, timeout):
    proc = subprocess.run([fuzzer, *options, f'-artifact_prefix={artifacts}', *args], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    out = proc.stdout.decode('utf-8', 'replace')
    runs = re.findall(r'stat::number_of_executed_units:\s*(\d+)', out)
    cov = re.findall(r'\bcov: (\d+)', out)
    report = re.search(r'==\d+==ERROR|runtime error|ERROR: libFuzzer|SUMMARY: ', out)
    ok = proc.returncode == 0 and report is None
    detail = (f'{runs[-1] if runs else "?"} runs, {cov[-1] if cov else "?"} edges covered')
    results.append((f'{name}: {detail}', ok, '' if ok else out[-6000:]))
    return ok


n_inputs = sum(len(os.listdir(d)) for d in seeds)
run(f'fuzz-load replays the {n_inputs} committed inputs', ['-runs=0', corpus, *seeds], 600)
run(f'fuzz-load mutates them for {seconds} s', [f'-max_total_time={seconds}', corpus, *seeds],
    seconds + 600)

print(f'1..{len(results)}')
for i, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} {name}')
    for line in detail.splitlines():
        print(f'# {line}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
