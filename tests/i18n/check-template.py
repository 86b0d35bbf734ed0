#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The template regenerated from today's sources matches the catalogues.

The template is made exactly as `meson compile mailssl-assistant-pot` makes
it (i18n.gettext, preset 'glib': xgettext over po/POTFILES.in, .ui files
through xgettext's GtkBuilder rules, the desktop file and metainfo through
their ITS rules), but into a temporary directory, so the source tree is
never touched.  Then, for every catalogue in po/LINGUAS:
  - every message of the template must be in the catalogue, translated:
    a string added in code without a translation fails, named with its
    source file:line;
  - the catalogue merged with the template (msgmerge) must still pass
    `msgfmt --check`, which compares c-format placeholders against the
    flags of today's template;
  - messages that the sources no longer have are reported (stale) but do
    not fail: msgmerge turns them into obsolete entries on the next update.

usage: check-template.py SOURCE_ROOT [XGETTEXT MSGMERGE MSGFMT]"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import msa_po  # noqa: E402

PACKAGE = 'mailssl-assistant'

# Meson's i18n module, PRESET_ARGS['glib'] (mesonbuild/modules/i18n.py),
# plus the arguments its `gettext pot` script adds itself.  Keep in step
# with po/meson.build.
GLIB_PRESET = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


def linguas(po_dir):
    langs = []
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            langs.extend(line.split('#', 1)[0].split())
    return langs


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True,
                          env=dict(os.environ, LC_ALL='C', LANGUAGE=''))


def main():
    source_root = os.path.abspath(sys.argv[1])
    xgettext = sys.argv[2] if len(sys.argv) > 2 else 'xgettext'
    msgmerge = sys.argv[3] if len(sys.argv) > 3 else 'msgmerge'
    msgfmt = sys.argv[4] if len(sys.argv) > 4 else 'msgfmt'
    po_dir = os.path.join(source_root, 'po')
    tap = msa_po.Tap()

    with tempfile.TemporaryDirectory(prefix='msa-pot-') as tmp:
        pot = os.path.join(tmp, PACKAGE + '.pot')
        proc = run([xgettext, '--package-name=' + PACKAGE, '-p', tmp,
                    '-f', os.path.join(po_dir, 'POTFILES.in'), '-D', source_root,
                    '-k_', '-o', pot] + GLIB_PRESET)
        # xgettext's warnings (e.g. a format string with several unnamed
        # placeholders and no translator comment) are worth reading.
        warnings = [l for l in proc.stdout.splitlines() if l.strip()]
        tap.check('xgettext regenerates the template from po/POTFILES.in',
                  [] if proc.returncode == 0 and os.path.exists(pot)
                  else warnings or ['xgettext exited with %d' % proc.returncode])
        if proc.returncode != 0 or not os.path.exists(pot):
            return tap.done()
        for w in warnings:
            tap.diag('xgettext: ' + w)

        template = msa_po.messages(msa_po.parse(pot))
        tap.diag('template: %d messages' % len(template))
        tap.check('the template is not empty', [] if template else ['no message extracted'])

        for lang in linguas(po_dir):
            rel = 'po/%s.po' % lang
            path = os.path.join(po_dir, lang + '.po')
            if not os.path.exists(path):
                tap.check('%s exists' % rel, ['%s is missing' % rel])
                continue
            catalogue = {e.key: e for e in msa_po.messages(msa_po.parse(path))}

            missing = []
            for e in template:
                found = catalogue.get(e.key)
                if found is None:
                    missing.append('%s: %s is not in %s' % (e.where('template'), e.describe(), rel))
                elif found.fuzzy or not found.translated:
                    missing.append('%s: %s is %s in %s:%d' % (e.where('template'), e.describe(),
                                                              'fuzzy' if found.fuzzy else 'untranslated',
                                                              rel, found.line))
                elif (e.msgid_plural or None) != (found.msgid_plural or None):
                    missing.append('%s: %s has plural %r in the sources but %r in %s:%d'
                                   % (e.where('template'), e.describe(), e.msgid_plural,
                                      found.msgid_plural, rel, found.line))
            tap.check('every message of the sources is translated in %s (%d messages)'
                      % (rel, len(template)), missing)

            keys = {e.key for e in template}
            stale = [e for k, e in catalogue.items() if k not in keys]
            for e in stale:
                tap.diag('stale (no longer in the sources): %s:%d: %s' % (rel, e.line, e.describe()))

            merged = os.path.join(tmp, lang + '.po')
            proc = run([msgmerge, '--quiet', '--no-fuzzy-matching', '-o', merged, path, pot])
            problems = [] if proc.returncode == 0 else proc.stdout.splitlines()
            if not problems:
                proc = run([msgfmt, '--check', '-o', os.devnull, merged])
                if proc.returncode != 0:
                    problems = [l.replace(merged, rel + ' (merged with the sources)')
                                for l in proc.stdout.splitlines()]
            tap.check('%s merged with today\'s template passes msgfmt --check' % rel, problems)

    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
