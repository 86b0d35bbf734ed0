#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/de.po follows German typography, the formal address and the glossary
in its header.

- quotes „…“: no ” (U+201D) or straight " that the English does not have,
  and every „ is closed by “;
- … instead of "...", – instead of a spaced hyphen " - ";
- „z. B.“, „d. h.“, „u. a.“ with a non-breaking space (U+00A0);
- the formal „Sie“: no du, dich, dir, dein…;
- a mnemonic (_) in the English has exactly one in the German
  (msgfmt --check-accelerators);
- the same end as the English: a sentence ending in . ? ! : … ends so in
  German too (questions may become statements and back, not fragments);
- glossary terms: where the English says "incoming server", "certificate",
  "password", … the German uses the glossary's word.  Labels of other mail
  programs (msgctxt = the program) are exempt: they are those programs'
  own words.

usage: check-german.py PO_DIR [MSGFMT]"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import msa_po  # noqa: E402

NBSP = '\u00a0'

# English (regex, case-insensitive) → what the German must contain
# (regex, case-insensitive).  From the glossary in po/de.po's header.
GLOSSARY = [
    (r'\bincoming server', r'posteingang'),
    (r'\boutgoing server', r'postausgang'),
    (r'\bcertificate', r'zertifi'),   # Zertifikat, Zertifizierungsstelle
    (r'\bpassword', r'passw(ort|örter)'),
    (r'\buser name', r'benutzername'),
    (r'\bfingerprint', r'fingerabdruck'),
    (r'\bissuer\b', r'aussteller'),
    (r'\bunencrypted', r'unverschlüsselt'),
    (r'\bencrypted\b', r'verschlüsselt'),
    (r'\bencryption\b', r'verschlüssel'),
    (r'\bmail program', r'programm'),
    (r'\bprovider', r'anbieter'),
    (r'\bauthentication', r'authentifizierung'),
    (r'\bname lookup', r'namensauflösung'),
    (r'\be-?mail address', r'e-mail-adresse'),
    (r'\bWi-Fi\b', r'WLAN'),
    (r'\bserver name', r'servername|name des'),
]
CLIENT_CONTEXTS = {'Thunderbird', 'Outlook', 'Apple Mail', 'Evolution', 'Geary', 'KMail',
                   'other mail program'}
INFORMAL = re.compile(r'\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch|euer|eure)\b',
                      re.I)


def texts(entry):
    return [entry.msgstr[k] for k in sorted(entry.msgstr)]


def main():
    po_dir = sys.argv[1]
    msgfmt = sys.argv[2] if len(sys.argv) > 2 else 'msgfmt'
    rel = 'po/de.po'
    path = os.path.join(po_dir, 'de.po')
    tap = msa_po.Tap()
    entries = [e for e in msa_po.messages(msa_po.parse(path)) if e.translated and not e.fuzzy]

    def where(e):
        return '%s:%d (%s)' % (rel, e.line, e.where(rel))

    quotes, dots, spacing, informal, ends, glossary = [], [], [], [], [], []
    for e in entries:
        english = e.msgid + (e.msgid_plural or '')
        for s in texts(e):
            if '\u201d' in s:
                quotes.append('%s: English closing quote ” in "%s"' % (where(e), s))
            if '"' in s and '"' not in english:
                quotes.append('%s: straight quote " in "%s"' % (where(e), s))
            if s.count('\u201e') != s.count('\u201c'):
                quotes.append('%s: „ and “ do not pair up in "%s"' % (where(e), s))
            if '...' in s:
                dots.append('%s: "..." instead of … in "%s"' % (where(e), s))
            if re.search(r'\S - \S', s) and not re.search(r'\S - \S', english):
                dots.append('%s: a spaced hyphen instead of – in "%s"' % (where(e), s))
            for m in re.finditer(r'\b(z|d|u|o|s)\.( ?)(B|h|a|Ä|ä|u)\.', s):
                if m.group(2) != NBSP:
                    spacing.append('%s: "%s" needs a non-breaking space: „%s.\\u00a0%s.“ in "%s"'
                                   % (where(e), m.group(0), m.group(1), m.group(3), s))
            if INFORMAL.search(s) and not INFORMAL.search(english):
                informal.append('%s: informal address in "%s"' % (where(e), s))

        # the end of the sentence
        for s in texts(e):
            a = e.msgid.rstrip('\n')
            b = s.rstrip('\n')
            if not a or not b:
                continue
            for mark in ('.', '…', ':'):
                if a.endswith(mark) != b.endswith(mark) and not (mark == '.' and b.endswith('.“')):
                    if mark == '.' and (a.endswith('?') or b.endswith('?')):
                        continue
                    ends.append('%s: the English ends with %r, the German with %r: "%s"'
                                % (where(e), a[-1], b[-1], s))
                    break

        if e.msgctxt in CLIENT_CONTEXTS:
            continue
        for en, de in GLOSSARY:
            if re.search(en, english, re.I):
                for s in texts(e):
                    if not re.search(de, s, re.I):
                        glossary.append('%s: the English has "%s", the German lacks "%s": "%s"'
                                        % (where(e), re.search(en, english, re.I).group(0), de, s))

    tap.check('%s uses „…“ quotes' % rel, quotes)
    tap.check('%s uses … and – (no "..." or " - ")' % rel, dots)
    tap.check('%s writes „z. B.“ and the like with a non-breaking space' % rel, spacing)
    tap.check('%s addresses the user formally („Sie“)' % rel, informal)
    tap.check('%s ends each message like the English does' % rel, ends)
    tap.check('%s follows the glossary in its header' % rel, glossary)

    proc = subprocess.run([msgfmt, '--check-accelerators=_', '-o', os.devnull, path],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                          env=dict(os.environ, LC_ALL='C', LANGUAGE=''))
    tap.check('%s keeps exactly one mnemonic where the English has one' % rel,
              [] if proc.returncode == 0 else proc.stdout.splitlines())
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
