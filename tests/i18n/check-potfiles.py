#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES.in is complete, exact and sorted.

- every file under src/ and ui/ with translatable strings (_(), N_(), C_(),
  NC_(), g_dngettext (), … in C; translatable="yes" in .ui) is listed, and
  so are the desktop file and metainfo templates under data/;
- every listed file exists (xgettext stops at a missing one); no line is
  listed twice; listed files without strings are reported;
- the list is sorted (byte order, as `LC_ALL=C sort` sorts), so that
  helpers appending lines never conflict.

usage: check-potfiles.py SOURCE_ROOT"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import msa_po  # noqa: E402

C_MARK = re.compile(r'(?<![\w])(?:_|N_|C_|NC_|Q_|g_dngettext|ngettext|dngettext|g_dgettext|'
                    r'g_dpgettext2?|g_dcgettext)\s*\(')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"', re.I)


def strip_c_comments(text):
    return re.sub(r'/\*.*?\*/|//[^\n]*', ' ', text, flags=re.S)


def has_strings(root, rel):
    path = os.path.join(root, rel)
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except OSError:
        return False
    if rel.endswith(('.c', '.h')):
        return bool(C_MARK.search(strip_c_comments(text)))
    if rel.endswith('.ui'):
        return bool(UI_MARK.search(text))
    if rel.endswith('.desktop.in'):
        return bool(re.search(r'^(Name|GenericName|Comment|Keywords)=', text, re.M))
    if rel.endswith(('.metainfo.xml.in', '.appdata.xml.in')):
        return True
    return False


def candidates(root):
    out = []
    for top, exts in (('src', ('.c', '.h')), ('ui', ('.ui',)),
                      ('data', ('.desktop.in', '.metainfo.xml.in'))):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in filenames:
                if name.endswith(exts):
                    rel = os.path.relpath(os.path.join(dirpath, name), root)
                    if has_strings(root, rel):
                        out.append(rel)
    return sorted(out)


def main():
    root = os.path.abspath(sys.argv[1])
    tap = msa_po.Tap()
    listed = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            entry = line.strip()
            if entry and not entry.startswith('#'):
                listed.append((lineno, entry))
    names = [n for _, n in listed]

    tap.check('po/POTFILES.in lists every file under src/, ui/ and data/ that has translatable strings',
              ['%s: has translatable strings but is not in po/POTFILES.in' % rel
               for rel in candidates(root) if rel not in names])

    tap.check('every file in po/POTFILES.in exists',
              ['po/POTFILES.in:%d: %s does not exist' % (n, rel) for n, rel in listed
               if not os.path.isfile(os.path.join(root, rel))])

    # A listed file without strings costs nothing (xgettext skips it), so
    # it is only reported.
    for n, rel in listed:
        if os.path.isfile(os.path.join(root, rel)) and not has_strings(root, rel):
            tap.diag('po/POTFILES.in:%d: %s has no translatable string (remove it, or mark its strings)'
                     % (n, rel))

    seen = {}
    dupes = []
    for n, rel in listed:
        if rel in seen:
            dupes.append('po/POTFILES.in:%d: %s is already on line %d' % (n, rel, seen[rel]))
        seen.setdefault(rel, n)
    tap.check('po/POTFILES.in has no duplicates', dupes)

    order = []
    for (n1, a), (n2, b) in zip(listed, listed[1:]):
        if a.encode() > b.encode():
            order.append('po/POTFILES.in:%d: %s should come before %s (line %d)' % (n2, b, a, n1))
    tap.check('po/POTFILES.in is sorted (LC_ALL=C sort)', order)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
