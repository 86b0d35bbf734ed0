#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop file and the metainfo that i18n.merge_file builds carry the
German catalogue: every translatable key/element of the English source has
a German counterpart that differs from it where German differs, and the
German Keywords list keeps its trailing semicolon.

usage: check-merged.py BUILT.desktop BUILT.metainfo.xml"""

import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import msa_po  # noqa: E402

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def check_desktop(path):
    entries = {}
    section = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('['):
                section = line
            elif '=' in line and not line.startswith('#') and section == '[Desktop Entry]':
                key, value = line.split('=', 1)
                entries[key] = value
    problems = []
    for key in ('Name', 'GenericName', 'Comment', 'Keywords'):
        if key not in entries:
            continue
        de = entries.get(key + '[de]')
        if de is None:
            problems.append('%s: %s has no %s[de]' % (path, key, key))
        elif de == entries[key] and key != 'Keywords':
            problems.append('%s: %s[de] is the English text "%s"' % (path, key, de))
    if 'Keywords[de]' in entries and not entries['Keywords[de]'].endswith(';'):
        problems.append('%s: Keywords[de] must end with a semicolon' % path)
    if entries.get('Name[de]') not in (None, 'Mail-SSL-Assistent'):
        problems.append('%s: Name[de] is "%s", the German name is "Mail-SSL-Assistent"'
                        % (path, entries.get('Name[de]')))
    return problems


def check_metainfo(path):
    problems = []
    root = ET.parse(path).getroot()
    # metainfo.its: name, summary, caption, the description's p/li and
    # developer name are translatable, unless translate="no".
    for parent in root.iter():
        children = list(parent)
        for child in children:
            if child.tag not in ('name', 'summary', 'p', 'li', 'caption') or child.get(XML_LANG):
                continue
            if child.get('translate') == 'no' or not (child.text or '').strip():
                continue
            german = [c for c in children if c.tag == child.tag and c.get(XML_LANG) == 'de']
            if not german:
                problems.append('%s: <%s> "%s" has no xml:lang="de" version'
                                % (path, child.tag, ' '.join(child.text.split())[:60]))
    names = [c.text for c in root.findall('name') if c.get(XML_LANG) == 'de']
    if names and names[0] != 'Mail-SSL-Assistent':
        problems.append('%s: the German <name> is "%s", not "Mail-SSL-Assistent"' % (path, names[0]))
    return problems


def main():
    tap = msa_po.Tap()
    tap.check('the built desktop file has German Name, GenericName, Comment and Keywords',
              check_desktop(sys.argv[1]))
    tap.check('the built metainfo has a German version of every translatable element',
              check_metainfo(sys.argv[2]))
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
