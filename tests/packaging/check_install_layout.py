#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs the project as flatpak-builder would (prefix /app) into a
temporary DESTDIR, checks that exactly the expected files arrive, and runs
the validators again on the installed copies.

Usage: check_install_layout.py APP_ID DEVELOPMENT VERSION GLIB_COMPILE_SCHEMAS

It configures its own build directory from the source tree, inside this
build directory and kept between runs, so only the first run compiles
everything (without optimisation: the layout does not depend on it).
"""

import gettext
import json
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import check_desktop  # noqa: E402
import check_metainfo  # noqa: E402
from msatap import Tap  # noqa: E402

SCHEMA_ID = "io.github.mailssl.Assistant"
GTK_LIBRARIES = ("libgtk-4", "libadwaita-1", "libgdk")


def expected_files(app_id, languages):
    files = {
        # The command users, the desktop file and Flatpak run.  It is
        # GTK-free so that `--check` never loads GTK ...
        "bin/mailssl-assistant",
        # ... and execs the GTK wizard, which therefore lives in libexec.
        "libexec/mailssl-assistant-wizard",
        f"share/applications/{app_id}.desktop",
        f"share/metainfo/{app_id}.metainfo.xml",
        f"share/icons/hicolor/scalable/apps/{app_id}.svg",
        f"share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg",
        f"share/glib-2.0/schemas/{SCHEMA_ID}.gschema.xml",
    }
    files |= {f"share/locale/{lang}/LC_MESSAGES/mailssl-assistant.mo" for lang in languages}
    return files


def needed_libraries(tap, path):
    result = tap.run(["readelf", "-d", path])
    return [line.split("[", 1)[1].rstrip("]") for line in result.stdout.splitlines()
            if "(NEEDED)" in line and "[" in line]


def setup_build(tap, source_root, build_dir, development):
    """Configures (or reconfigures) the layout build; True on success."""
    options = ["--prefix=/app", "--buildtype=plain", f"-Ddevelopment={development}"]
    if os.path.exists(os.path.join(build_dir, "build.ninja")):
        result = tap.run(["meson", "setup", "--reconfigure", build_dir, source_root] + options)
        if result.returncode == 0:
            return result
    if os.path.exists(build_dir):
        shutil.rmtree(build_dir)
    return tap.run(["meson", "setup", build_dir, source_root] + options)


def main():
    app_id, development, version, compiler = sys.argv[1:5]
    source_root = os.environ["MSA_SOURCE_ROOT"]
    build_dir = os.path.join(os.environ["MSA_BUILD_ROOT"], "tests", "packaging",
                             "install-layout-build")
    tap = Tap()

    meson = tap.require("meson", "meson")
    ninja = tap.require("ninja", "ninja-build")
    tap.require("readelf", "binutils")
    if not (meson and ninja):
        return tap.done()

    result = setup_build(tap, source_root, build_dir, development)
    if not tap.ok(result.returncode == 0,
                  "meson setup --prefix=/app of the source tree", result.stdout + result.stderr):
        return tap.done()

    # Build only what is installed: the tests' own programs are not needed.
    result = tap.run(["meson", "introspect", "--targets", build_dir])
    targets = json.loads(result.stdout) if result.returncode == 0 else []
    outputs = [os.path.relpath(f, build_dir)
               for t in targets if t.get("installed") for f in t["filename"]]
    result = tap.run([ninja, "-C", build_dir, "-j", "2"] + outputs, timeout=600)
    if not tap.ok(result.returncode == 0 and outputs,
                  "the installed targets build", result.stdout[-4000:] + result.stderr):
        return tap.done()

    with tempfile.TemporaryDirectory() as destdir:
        result = tap.run(["meson", "install", "-C", build_dir, "--no-rebuild",
                          "--destdir", destdir])
        if not tap.ok(result.returncode == 0, "meson install --destdir",
                      result.stdout + result.stderr):
            return tap.done()

        prefix = os.path.join(destdir, "app")
        installed = set()
        for directory, dirs, files in os.walk(destdir):
            for name in files + [d for d in dirs if os.path.islink(os.path.join(directory, d))]:
                installed.add(os.path.relpath(os.path.join(directory, name), prefix))
        languages = open(os.path.join(source_root, "po", "LINGUAS"),
                         encoding="utf-8").read().split()
        expected = expected_files(app_id, languages)
        tap.ok("de" in languages, "po/LINGUAS has German")
        tap.ok(not expected - installed, "every expected file is installed",
               "missing: " + " ".join(sorted(expected - installed)))
        tap.ok(not installed - expected,
               "nothing else is installed (no headers, static libraries, pkg-config files)",
               "unexpected: " + " ".join(sorted(installed - expected)))

        command = os.path.join(prefix, "bin", "mailssl-assistant")
        wizard = os.path.join(prefix, "libexec", "mailssl-assistant-wizard")
        if os.path.exists(command):
            libraries = needed_libraries(tap, command)
            tap.ok(os.access(command, os.X_OK) and libraries
                   and not [l for l in libraries if l.startswith(GTK_LIBRARIES)],
                   "bin/mailssl-assistant is linked without GTK (--check never loads it)",
                   repr(libraries))
            binary = open(command, "rb").read()
            tap.ok(b"/app/libexec" in binary,
                   "bin/mailssl-assistant looks for the wizard in /app/libexec")
        if os.path.exists(wizard):
            libraries = needed_libraries(tap, wizard)
            tap.ok(os.access(wizard, os.X_OK)
                   and any(l.startswith("libgtk-4") for l in libraries)
                   and any(l.startswith("libadwaita-1") for l in libraries),
                   "libexec/mailssl-assistant-wizard is the GTK wizard", repr(libraries))

        for lang in languages:
            mo = os.path.join(prefix, "share", "locale", lang, "LC_MESSAGES",
                              "mailssl-assistant.mo")
            if lang == "de" and os.path.exists(mo):
                with open(mo, "rb") as catalog:
                    german = gettext.GNUTranslations(catalog)
                tap.ok(german.gettext("Mail SSL Assistant") == "Mail-SSL-Assistent",
                       "the installed German catalogue translates the name")

        for icon in (f"scalable/apps/{app_id}.svg", f"symbolic/apps/{app_id}-symbolic.svg"):
            path = os.path.join(prefix, "share", "icons", "hicolor", icon)
            # The Devel build has its own full-colour artwork, the same symbolic.
            source = os.path.join(source_root, "data", "icons", "hicolor",
                                  icon if icon.startswith("scalable")
                                  else icon.replace(app_id, SCHEMA_ID))
            tap.ok(os.path.exists(path) and open(path, "rb").read() == open(source, "rb").read(),
                   f"icon {icon} is installed under the application ID")

        # The validators again, on the installed copies.
        desktop = os.path.join(prefix, "share", "applications", f"{app_id}.desktop")
        metainfo = os.path.join(prefix, "share", "metainfo", f"{app_id}.metainfo.xml")
        if os.path.exists(desktop):
            check_desktop.check(tap, desktop, app_id)
        if os.path.exists(metainfo):
            check_metainfo.check(tap, metainfo, app_id, version)
        # The whole tree: the metainfo and the desktop file it launches.
        appstreamcli = shutil.which("appstreamcli")
        if appstreamcli:
            result = tap.run([appstreamcli, "validate-tree", "--no-net", "--explain",
                              "--override=" + ",".join(f"{tag}=error"
                                                       for tag in check_metainfo.RAISED_TAGS),
                              prefix])
            tap.ok(result.returncode == 0, "appstreamcli validate-tree on the installed prefix",
                   result.stdout + result.stderr)
        schemas = os.path.join(prefix, "share", "glib-2.0", "schemas")
        result = tap.run([compiler, "--strict", "--dry-run", schemas])
        tap.ok(result.returncode == 0, "glib-compile-schemas --strict --dry-run on the installed schemas",
               result.stdout + result.stderr)

    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
