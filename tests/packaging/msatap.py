# SPDX-License-Identifier: GPL-3.0-or-later
"""A small TAP producer shared by the packaging checks.

Every check is a numbered TAP line; a validator that is not installed is a
failed check ("not ok"), never a skip, because a missing validator would
otherwise let a broken package pass unnoticed.
"""

import os
import shutil
import subprocess
import sys


class Tap:
    def __init__(self):
        self.number = 0
        self.failed = 0

    def ok(self, condition, name, details=None):
        self.number += 1
        if condition:
            print(f"ok {self.number} - {name}")
        else:
            self.failed += 1
            print(f"not ok {self.number} - {name}")
            # Also on stderr, which `meson test --print-errorlogs` shows.
            print(f"FAILED: {name}", file=sys.stderr)
            if details:
                for line in str(details).rstrip().splitlines():
                    print(f"# {line}")
                    print(f"  {line}", file=sys.stderr)
            sys.stderr.flush()
        sys.stdout.flush()
        return bool(condition)

    def diag(self, text):
        for line in str(text).rstrip().splitlines():
            print(f"# {line}")
        sys.stdout.flush()

    def require(self, tool, package):
        """Fails (not skips) when a validator is missing."""
        path = shutil.which(tool)
        self.ok(path is not None, f"{tool} is installed",
                f"{tool} not found: install the Debian package {package} "
                f"(build-aux/install-deps test does)")
        return path

    def run(self, argv, **kwargs):
        """Runs a program; a missing program is a CompletedProcess with
        status 127 and the reason on stderr, so callers fail the check."""
        env = dict(os.environ)
        env.update(kwargs.pop("env", {}))
        try:
            return subprocess.run(argv, capture_output=True, text=True,
                                  env=env, timeout=kwargs.pop("timeout", 120),
                                  **kwargs)
        except FileNotFoundError as error:
            return subprocess.CompletedProcess(argv, 127, "", str(error))

    def done(self):
        print(f"1..{self.number}")
        sys.stdout.flush()
        return 1 if self.failed else 0
