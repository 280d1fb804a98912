#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the app writes validates against data/dataset.schema.json.

Usage: test-schema-written.py ATLAS_CANON SCHEMA FILE... (prints TAP).
Each FILE is loaded and saved by the app (atlas-canon), and the saved text
is checked against the schema."""

import json
import subprocess
import sys

import jsonschema

canon, schema_path, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(schema_path, encoding='utf-8') as f:
    schema = json.load(f)
validator = jsonschema.Draft202012Validator(schema)

print(f'1..{len(inputs)}')
failed = False
for i, path in enumerate(inputs, 1):
    proc = subprocess.run([canon, path], capture_output=True, timeout=60)
    errors = []
    if proc.returncode != 0:
        errors.append(proc.stderr.decode('utf-8', 'replace').strip())
    else:
        errors = [f'{"/".join(map(str, e.path))}: {e.message}'
                  for e in validator.iter_errors(json.loads(proc.stdout))]
    print(f'{"not ok" if errors else "ok"} {i} {path} as saved')
    for error in errors[:10]:
        print(f'# {error}')
    failed |= bool(errors)
sys.exit(1 if failed else 0)
