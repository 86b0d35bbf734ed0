#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the GSettings schema: it compiles strictly, and its keys, types,
defaults and choices are the ones the wizard relies on.

Usage: check_schema.py GLIB_COMPILE_SCHEMAS SCHEMA_DIR SCHEMA_ID
"""

import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from msatap import Tap  # noqa: E402

# key: (default as gsettings prints it, choices or None)
CONTRACT = {
    "provider": ("'builtin'", None),
    "account-type": ("'imap'", ["'imap'", "'pop3'"]),
    "mail-client": ("'thunderbird'", ["'thunderbird'", "'outlook'", "'apple-mail'",
                                      "'evolution'", "'geary'", "'kmail'", "'other'"]),
    "language": ("''", ["''", "'de'", "'en'"]),
    "window-width": (None, None),
    "window-height": (None, None),
    "ispdb-url": ("'https://autoconfig.thunderbird.net/v1.1/'", None),
}


def main():
    compiler, schema_dir, schema_id = sys.argv[1:4]
    tap = Tap()

    result = tap.run([compiler, "--strict", "--dry-run", schema_dir])
    tap.ok(result.returncode == 0, f"glib-compile-schemas --strict --dry-run {schema_dir}",
           result.stdout + result.stderr)

    gsettings = tap.require("gsettings", "libglib2.0-bin")
    if not gsettings:
        return tap.done()

    with tempfile.TemporaryDirectory() as target:
        result = tap.run([compiler, "--strict", f"--targetdir={target}", schema_dir])
        tap.ok(result.returncode == 0, "the schema compiles", result.stderr)
        env = {"GSETTINGS_BACKEND": "memory"}

        def gsettings_run(*args):
            return tap.run([gsettings, "--schemadir", target, *args], env=env)

        result = gsettings_run("list-keys", schema_id)
        keys = sorted(result.stdout.split())
        tap.ok(keys == sorted(CONTRACT), f"schema {schema_id} has exactly the wizard's keys",
               f"{keys} != {sorted(CONTRACT)}\n{result.stderr}")

        for key, (default, choices) in CONTRACT.items():
            value = gsettings_run("get", schema_id, key).stdout.strip()
            if default is None:
                tap.ok(value.isdigit() and int(value) > 0,
                       f"{key} is a positive integer by default", repr(value))
            else:
                tap.ok(value == default, f"{key} defaults to {default}", repr(value))
            if choices is not None:
                lines = gsettings_run("range", schema_id, key).stdout.split("\n")
                tap.ok(lines[0] == "enum" and [l for l in lines[1:] if l] == choices,
                       f"{key} accepts exactly {', '.join(choices)}", repr(lines))

    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
