# SPDX-License-Identifier: GPL-3.0-or-later
"""A small reader for gettext PO/POT files and a TAP writer, shared by the
i18n checks.  Only the standard library: the checks run wherever meson runs."""

import re
import sys


def _unquote(text):
    """The value of one C-quoted PO string line ("..." without the quotes)."""
    out = []
    i = 0
    escapes = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\',
               'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v'}
    while i < len(text):
        c = text[i]
        if c == '\\' and i + 1 < len(text):
            n = text[i + 1]
            if n in escapes:
                out.append(escapes[n])
                i += 2
                continue
            m = re.match(r'[0-7]{1,3}', text[i + 1:])
            if m:
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
        out.append(c)
        i += 1
    return ''.join(out)


class Entry:
    def __init__(self):
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}          # index -> text (index 0 for singular)
        self.flags = set()
        self.references = []      # "file:line"
        self.extracted = []       # "#." comments
        self.translator = []      # "# " comments
        self.obsolete = False
        self.line = 0             # line of msgid in the file

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self):
        return 'fuzzy' in self.flags

    @property
    def translated(self):
        return bool(self.msgstr) and all(s != '' for s in self.msgstr.values())

    def where(self, fallback):
        if self.references:
            return ', '.join(self.references[:3]) + (' …' if len(self.references) > 3 else '')
        return '%s:%d' % (fallback, self.line)

    def describe(self):
        text = repr(self.msgid)
        if self.msgctxt is not None:
            text = '[%s] %s' % (self.msgctxt, text)
        return text


def parse(path):
    """All entries of a PO/POT file, header first, obsolete ones marked."""
    entries = []
    cur = Entry()
    field = None
    started = False

    def finish():
        nonlocal cur, started, field
        if cur.msgid is not None:
            entries.append(cur)
        cur = Entry()
        started = False
        field = None

    with open(path, encoding='utf-8') as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            obsolete = False
            if line.startswith('#~'):
                obsolete = True
                line = line[2:].lstrip()
                if line.startswith('|'):
                    continue
            if not line.strip():
                if started:
                    finish()
                continue
            if line.startswith('#') and not obsolete:
                if started and field is not None and cur.msgstr:
                    finish()
                if line.startswith('#,'):
                    cur.flags.update(x.strip() for x in line[2:].split(',') if x.strip())
                elif line.startswith('#:'):
                    cur.references.extend(line[2:].split())
                elif line.startswith('#.'):
                    cur.extracted.append(line[2:].strip())
                elif line.startswith('#|'):
                    pass
                else:
                    cur.translator.append(line[1:].strip())
                continue
            if obsolete:
                cur.obsolete = True
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$', line)
            if m:
                keyword = m.group(1)
                value = _unquote(m.group(3))
                if keyword == 'msgctxt' or (keyword == 'msgid' and cur.msgstr):
                    if cur.msgid is not None and cur.msgstr:
                        finish()
                started = True
                if keyword == 'msgctxt':
                    cur.msgctxt = value
                    field = ('msgctxt', None)
                elif keyword == 'msgid':
                    cur.msgid = value
                    cur.line = lineno
                    field = ('msgid', None)
                elif keyword == 'msgid_plural':
                    cur.msgid_plural = value
                    field = ('msgid_plural', None)
                else:
                    index = int(m.group(2)) if m.group(2) is not None else 0
                    cur.msgstr[index] = value
                    field = ('msgstr', index)
                continue
            m = re.match(r'\s*"(.*)"\s*$', line)
            if m and field is not None:
                value = _unquote(m.group(1))
                name, index = field
                if name == 'msgctxt':
                    cur.msgctxt += value
                elif name == 'msgid':
                    cur.msgid += value
                elif name == 'msgid_plural':
                    cur.msgid_plural += value
                else:
                    cur.msgstr[index] += value
                continue
            raise ValueError('%s:%d: cannot parse %r' % (path, lineno, raw))
    if started:
        finish()
    return entries


def messages(entries):
    """The real messages: no header, no obsolete entries."""
    return [e for e in entries if e.msgid != '' and not e.obsolete]


class Tap:
    """Minimal TAP producer: one 'ok'/'not ok' per check, diagnostics as '#'."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def diag(self, text):
        for line in str(text).splitlines() or ['']:
            print('# ' + line)

    def result(self, ok, name, problems=()):
        self.n += 1
        for p in problems:
            self.diag('  ' + p)
        print('%s %d - %s' % ('ok' if ok else 'not ok', self.n, name))
        if not ok:
            self.failed += 1
        sys.stdout.flush()

    def check(self, name, problems):
        """ok when problems is empty; otherwise not ok, listing every one."""
        problems = list(problems)
        self.result(not problems, name, problems)

    def done(self):
        print('1..%d' % self.n)
        return 1 if self.failed else 0
