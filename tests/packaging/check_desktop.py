#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a built or installed desktop file.

Usage: check_desktop.py FILE APP_ID
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from msatap import Tap  # noqa: E402

MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game",
    "Graphics", "Network", "Office", "Science", "Settings", "System",
    "Utility",
}


def read_entry(path):
    """The [Desktop Entry] group as a dict; keys keep their locale suffix."""
    entry = {}
    group = None
    with open(path, encoding="utf-8") as desktop:
        for line in desktop:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("["):
                group = line.strip()
                continue
            if group == "[Desktop Entry]" and "=" in line:
                key, value = line.split("=", 1)
                entry[key.strip()] = value.strip()
    return entry


def check(tap, path, app_id):
    """Appends the desktop file's checks to tap."""
    tap.ok(os.path.basename(path) == f"{app_id}.desktop",
           "the file is named after the application ID",
           f"{os.path.basename(path)} != {app_id}.desktop")

    validator = tap.require("desktop-file-validate", "desktop-file-utils")
    if validator:
        result = tap.run([validator, "--no-hints", "--no-warn-deprecated", path])
        tap.ok(result.returncode == 0 and not result.stdout.strip(),
               "desktop-file-validate --no-hints --no-warn-deprecated passes",
               result.stdout + result.stderr)

    entry = read_entry(path)
    tap.ok(entry.get("Type") == "Application", "Type=Application")
    tap.ok(entry.get("Name") == "Mail SSL Assistant", "English Name",
           repr(entry.get("Name")))
    tap.ok(entry.get("Name[de]") == "Mail-SSL-Assistent",
           "German Name[de] from po/de.po",
           f"{entry.get('Name[de]')!r}: not translated in po/de.po?")
    tap.ok(bool(entry.get("Comment")), "Comment is set")
    tap.ok(bool(entry.get("Comment[de]"))
           and entry.get("Comment[de]") != entry.get("Comment"),
           "German Comment[de] from po/de.po",
           f"{entry.get('Comment[de]')!r}: not translated in po/de.po?")
    tap.ok(entry.get("Icon") == app_id, "Icon is the application ID",
           f"{entry.get('Icon')!r} != {app_id!r}")
    tap.ok((entry.get("Exec") or "").split(" ")[0] == "mailssl-assistant",
           "Exec runs mailssl-assistant (the Flatpak command)",
           repr(entry.get("Exec")))
    tap.ok(entry.get("Terminal") == "false", "Terminal=false")
    tap.ok(entry.get("StartupNotify") == "true", "StartupNotify=true")

    categories = [c for c in (entry.get("Categories") or "").split(";") if c]
    tap.ok(bool(MAIN_CATEGORIES & set(categories)),
           "Categories has a registered main category", repr(categories))
    tap.ok("Network" in categories and "Email" in categories,
           "Categories are Network;Email;", repr(categories))

    keywords = entry.get("Keywords") or ""
    keywords_de = entry.get("Keywords[de]") or ""
    tap.ok(keywords.endswith(";") and len(keywords.split(";")) > 3,
           "English Keywords, a ;-terminated list", repr(keywords))
    tap.ok(keywords_de.endswith(";") and keywords_de != keywords,
           "German Keywords[de] from po/de.po, a ;-terminated list",
           f"{keywords_de!r}: not translated in po/de.po?")


def main():
    tap = Tap()
    check(tap, sys.argv[1], sys.argv[2])
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
