#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the translations in po/ (every language of po/LINGUAS), as TAP:
#
#   --placeholders  each translated string keeps the format placeholders of
#                   its original, printf style (%s, %u, %1$s...) and Python-
#                   brace style ({name}), and each catalogue has the plural
#                   forms of its language. Always strict: a lost or changed
#                   placeholder shows only at run time, in that language.
#                   A label with a mnemonic ("Save _As…") keeps exactly one;
#                   a string without one gets none (GTK would underline it).
#   --complete      each language translates every string of the template
#                   made from the sources now (xgettext, with the arguments of
#                   meson's glib preset), nothing fuzzy: `msgfmt --statistics`
#                   of the catalogue merged with that template.
#
#                   Two checks per language. The catalogue itself (po/LANG.po
#                   as committed, `msgfmt --statistics`) has no untranslated
#                   or fuzzy string: always strict, so a catalogue updated
#                   from the sources is translated before it is committed.
#                   Strings of the sources that no catalogue has yet (added
#                   since the last update) are a TAP "not ok # TODO"
#                   (reported, not failed) unless --strict is given: the
#                   normal suite must not fail whenever someone adds a
#                   string, while a release must not ship incomplete
#                   languages. `meson dist` runs this with --strict as a dist
#                   script (set ATLAS_DIST_TRANSLATIONS=report to only report
#                   there).
#
# Usage: check-translations.py [--placeholders] [--complete] [--strict] [SOURCE_ROOT]

import gettext
import os
import re
import subprocess
import sys
import tempfile

try:
    import polib
except ImportError:
    polib = None

PACKAGE = 'cyber-atlas'

# meson's i18n.gettext(preset: 'glib') arguments, so the template is the one
# `meson compile cyber-atlas-pot` writes.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
]

# The plural rule of each language we ship (GNU gettext's table; European
# Portuguese, not Brazilian). A new language adds its line here.
PLURALS = {
    'de': (2, lambda n: int(n != 1)),
    'en': (2, lambda n: int(n != 1)),
    'es': (2, lambda n: int(n != 1)),
    'fr': (2, lambda n: int(n > 1)),
    'it': (2, lambda n: int(n != 1)),
    'nl': (2, lambda n: int(n != 1)),
    'pl': (3, lambda n: 0 if n == 1 else 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2),
    'pt': (2, lambda n: int(n != 1)),
}

# printf: %[argnum$][flags][width][.precision][length]conversion, and the
# <PRId64>-style macros xgettext leaves in.
PRINTF = re.compile(r"%(?:(\d+)\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                    r"(hh|h|ll|l|L|q|j|z|Z|t)?([diouxXeEfFgGaAcspn%])|%<(PRI\w+)>")
# The same without flags, for strings xgettext did not mark c-format (a .ui
# file's "100% sure" is no format string, "%s" in one would be).
PRINTF_PLAIN = re.compile(r"%(?:(\d+)\$)?()(?:\d+)?(l|ll|z)?([diuxsfc])\b|%(?:(\d+)\$)?(s)")
BRACE = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*|\d*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")

count = 0


def ok(passed, what, detail='', todo=None):
    global count
    count += 1
    line = ('ok' if passed else 'not ok') + f' {count} - {what}'
    if not passed and todo:
        line += f' # TODO {todo}'
    print(line)
    if not passed and detail:
        for d in str(detail).rstrip().splitlines()[:40]:
            print('# ' + d)
    sys.stdout.flush()
    return passed


def printf_args(text, flagged):
    """{argument number: conversion} of the printf directives in text."""
    args, sequential = {}, 0
    if flagged:
        for m in PRINTF.finditer(text):
            if m.group(3) == '%':
                continue
            if m.group(4):
                conv = '<' + m.group(4) + '>'
                number = None
            else:
                conv = (m.group(2) or '') + m.group(3).replace('i', 'd')
                number = m.group(1)
            if number is None:
                sequential += 1
                number = sequential
            args[int(number)] = conv
    else:
        for m in PRINTF_PLAIN.finditer(text.replace('%%', '')):
            number = m.group(1) or m.group(5)
            conv = ((m.group(3) or '') + (m.group(4) or m.group(6) or '')).replace('i', 'd')
            if number is None:
                sequential += 1
                number = sequential
            args[int(number)] = conv
    return args


def brace_names(text):
    return sorted(m.group(1) for m in BRACE.finditer(text.replace('{{', '').replace('}}', '')))


def placeholders(text, flagged):
    return printf_args(text, flagged), brace_names(text)


# A label's mnemonic: one underscore before a letter, in a short string that is
# no sentence with a quoted identifier ("iso_a4") or a format.
MNEMONIC = re.compile(r'_[^_\s]')


def is_mnemonic_label(msgid):
    return (msgid.count('_') == 1 and MNEMONIC.search(msgid) is not None and '%' not in msgid
            and not re.search('[“"\'‘]|--', msgid) and len(msgid) <= 80)


def check_mnemonic(msgid, translation):
    if is_mnemonic_label(msgid):
        if translation.count('_') != 1 or not MNEMONIC.search(translation):
            return 'has no single mnemonic (one "_" before a letter), the original has one'
    elif '_' not in msgid and MNEMONIC.search(translation):
        return 'has a mnemonic "_", the original has none'
    return None


def linguas(root):
    langs = []
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            langs += line.split()
    return langs


def check_placeholders(root, lang):
    path = os.path.join(root, 'po', lang + '.po')
    catalogue = polib.pofile(path)
    problems = []

    # The plural forms of the language.
    header = catalogue.metadata.get('Plural-Forms', '')
    m = re.match(r'\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*$', header)
    nplurals = int(m.group(1)) if m else None
    if not m:
        problems.append(f'{lang}.po: no Plural-Forms header')
    else:
        try:
            rule = gettext.c2py(m.group(2))
        except (ValueError, SyntaxError) as e:
            problems.append(f'{lang}.po: Plural-Forms "{header}" does not parse: {e}')
            rule = None
        base = lang.split('_')[0].split('@')[0]
        if base in PLURALS and rule is not None:
            expected_n, expected = PLURALS[base]
            wrong = [n for n in range(0, 1001) if rule(n) != expected(n)]
            if nplurals != expected_n or wrong:
                problems.append(f'{lang}.po: Plural-Forms "{header}" is not the rule of {base}'
                                f' (wrong for n = {wrong[:5]})')
        elif base not in PLURALS:
            problems.append(f'{lang}.po: no known plural rule for {base}: add it to PLURALS in {__file__}')

    for entry in catalogue:
        if entry.obsolete or 'fuzzy' in entry.flags or not entry.translated():
            continue
        flagged = 'c-format' in entry.flags or 'possible-c-format' in entry.flags
        if 'no-c-format' in entry.flags:
            flagged = None
        where = f'{lang}.po:{entry.linenum}'

        def compare(original, translation, form=''):
            if flagged is None:
                wanted, got = ({}, brace_names(original)), ({}, brace_names(translation))
            else:
                wanted, got = placeholders(original, flagged), placeholders(translation, flagged)
            return wanted == got, wanted, got

        if entry.msgid_plural:
            if nplurals is not None and len(entry.msgstr_plural) != nplurals:
                problems.append(f'{where}: {len(entry.msgstr_plural)} plural forms, the header says {nplurals}')
            for i, text in sorted(entry.msgstr_plural.items()):
                same_plural, wanted, got = compare(entry.msgid_plural, text)
                same_singular, _, _ = compare(entry.msgid, text)
                if not (same_plural or same_singular):
                    problems.append(f'{where}: msgstr[{i}] {text!r} has placeholders {got}, '
                                    f'the original {entry.msgid_plural!r} {wanted}')
        else:
            same, wanted, got = compare(entry.msgid, entry.msgstr)
            if not same:
                problems.append(f'{where}: {entry.msgstr!r} has placeholders {got}, '
                                f'the original {entry.msgid!r} {wanted}')
            wrong = check_mnemonic(entry.msgid, entry.msgstr)
            if wrong:
                problems.append(f'{where}: {entry.msgstr!r} {wrong}: {entry.msgid!r}')
    return problems


def make_template(root, tmp):
    pot = os.path.join(tmp, PACKAGE + '.pot')
    proc = subprocess.run(['xgettext', '--package-name=' + PACKAGE, '-f',
                           os.path.join(root, 'po', 'POTFILES.in'), '-D', root, '-k_', '-o', pot]
                          + XGETTEXT_ARGS, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError('xgettext failed:\n' + proc.stderr)
    return pot


def statistics(root, lang, pot, tmp):
    """msgfmt --statistics of the catalogue merged with pot, or of the
    catalogue itself when pot is None."""
    merged = os.path.join(root, 'po', lang + '.po')
    if pot is not None:
        merged = os.path.join(tmp, lang + '.po')
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--output-file=' + merged,
                        os.path.join(root, 'po', lang + '.po'), pot], check=True, capture_output=True)
    proc = subprocess.run(['msgfmt', '--statistics', '--output-file=' + os.devnull, merged],
                          capture_output=True, text=True, check=True)
    line = proc.stderr.strip()
    numbers = {}
    for kind in ('translated', 'fuzzy', 'untranslated'):
        m = re.search(r'(\d+) ' + kind, line)
        numbers[kind] = int(m.group(1)) if m else 0
    return numbers, line


def main(argv):
    args = [a for a in argv if not a.startswith('--')]
    opts = {a for a in argv if a.startswith('--')}
    root = args[0] if args else os.environ.get('MESON_DIST_ROOT') or \
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    do_placeholders = '--placeholders' in opts or not opts & {'--placeholders', '--complete'}
    do_complete = '--complete' in opts or not opts & {'--placeholders', '--complete'}
    report_only = os.environ.get('ATLAS_DIST_TRANSLATIONS') == 'report'
    strict = '--strict' in opts and not report_only
    langs = linguas(root)

    print(f'1..{len(langs) * (do_placeholders + 2 * do_complete)}')
    failed = False
    if do_placeholders:
        for lang in langs:
            if polib is None:
                failed |= not ok(False, f'{lang}: placeholders (needs python3-polib)')
                continue
            problems = check_placeholders(root, lang)
            failed |= not ok(not problems,
                             f'{lang}: every translation keeps its placeholders and mnemonics; plural forms of {lang}',
                             '\n'.join(problems))

    if do_complete:
        with tempfile.TemporaryDirectory() as tmp:
            pot = make_template(root, tmp)
            for lang in langs:
                numbers, line = statistics(root, lang, None, tmp)
                complete = numbers['untranslated'] == 0 and numbers['fuzzy'] == 0
                failed |= not ok(complete, f'{lang}: the catalogue translates every string it has ({line})',
                                 f'{lang}.po: {numbers["untranslated"]} untranslated, {numbers["fuzzy"]} fuzzy: '
                                 f'translate them before committing the catalogue') and not report_only

                numbers, line = statistics(root, lang, pot, tmp)
                complete = numbers['untranslated'] == 0 and numbers['fuzzy'] == 0
                todo = None if strict else 'a release needs every language complete (meson dist checks)'
                ok(complete, f'{lang}: complete against the template of the sources ({line})',
                   f'{lang}: {numbers["untranslated"]} untranslated, {numbers["fuzzy"]} fuzzy: '
                   f'update it with `meson compile -C _build {PACKAGE}-update-po` and translate',
                   todo=todo)
                failed |= strict and not complete
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
