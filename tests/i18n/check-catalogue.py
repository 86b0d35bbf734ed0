#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every catalogue in po/LINGUAS compiles with `msgfmt --check` and is
complete: msgfmt's own statistics must show no fuzzy and no untranslated
message, and each one that is left is named with its po line and source.

usage: check-catalogue.py PO_DIR [MSGFMT]"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import msa_po  # noqa: E402


def linguas(po_dir):
    langs = []
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0]
            langs.extend(line.split())
    return langs


def main():
    po_dir = sys.argv[1]
    msgfmt = sys.argv[2] if len(sys.argv) > 2 else 'msgfmt'
    tap = msa_po.Tap()

    langs = linguas(po_dir)
    tap.check('po/LINGUAS names at least German', [] if 'de' in langs else ['po/LINGUAS: "de" is missing'])

    for lang in langs:
        rel = 'po/%s.po' % lang
        path = os.path.join(po_dir, lang + '.po')
        if not os.path.exists(path):
            tap.check('%s exists' % rel, ['%s: listed in po/LINGUAS but missing' % rel])
            continue

        proc = subprocess.run([msgfmt, '--check', '--statistics', '-o', os.devnull, path],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, env=dict(os.environ, LC_ALL='C', LANGUAGE=''))
        output = proc.stdout.strip()
        errors = [l for l in output.splitlines() if not re.search(r'translated message', l)]
        tap.check('%s compiles with msgfmt --check' % rel,
                  [] if proc.returncode == 0 else errors or ['msgfmt exited with %d' % proc.returncode])

        # msgfmt's statistics line, e.g. "12 translated messages, 1 fuzzy
        # translation, 2 untranslated messages."
        stats = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
        line = next((l for l in output.splitlines() if 'translated message' in l), '')
        for number, kind in re.findall(r'(\d+) (translated|fuzzy|untranslated)', line):
            stats[kind] = int(number)
        tap.diag('%s: %s' % (rel, line or output))

        entries = msa_po.messages(msa_po.parse(path))
        fuzzy = ['%s:%d: fuzzy: %s (from %s)' % (rel, e.line, e.describe(), e.where(rel))
                 for e in entries if e.fuzzy]
        untranslated = ['%s:%d: untranslated: %s (from %s)' % (rel, e.line, e.describe(), e.where(rel))
                        for e in entries if not e.fuzzy and not e.translated]
        tap.check('%s has translated messages' % rel,
                  [] if stats['translated'] > 0 else ['msgfmt counted no translated message'])
        tap.check('%s has no fuzzy messages (msgfmt counts %d)' % (rel, stats['fuzzy']),
                  fuzzy or (['msgfmt counts %d fuzzy' % stats['fuzzy']] if stats['fuzzy'] else []))
        tap.check('%s has no untranslated messages (msgfmt counts %d)' % (rel, stats['untranslated']),
                  untranslated or (['msgfmt counts %d untranslated' % stats['untranslated']]
                                   if stats['untranslated'] else []))

        header = msa_po.parse(path)[0]
        problems = []
        for field in ('Language: %s' % lang, 'Content-Type: text/plain; charset=UTF-8',
                      'Plural-Forms: nplurals=2; plural=(n != 1);' if lang == 'de' else 'Plural-Forms:'):
            if field not in header.msgstr.get(0, ''):
                problems.append('%s: header lacks "%s"' % (rel, field))
        tap.check('%s header names language, charset and plural forms' % rel, problems)

    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
