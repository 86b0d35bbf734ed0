#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the two Flatpak manifests offline, and that every place that
names the application ID agrees.

Usage: check_manifests.py APP_ID BASE_ID VERSION METAINFO DESKTOP

APP_ID is this build's application ID (BASE_ID, or BASE_ID.Devel when
configured with -Ddevelopment=true); METAINFO and DESKTOP are this build's
merged files.  No runtime can be downloaded here, so the Flatpak itself is
not built: flatpak-builder only parses the manifests.
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from msatap import Tap  # noqa: E402

FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
}
# Read-only, exactly the mail programs' account stores the scan reads
# (src/accounts/), native and as Flatpak or Snap: no home, no
# xdg-config as a whole.
ACCOUNT_GRANTS = {
    "--filesystem=" + path for path in (
        "~/.thunderbird:ro",
        "~/.var/app/org.mozilla.Thunderbird/.thunderbird:ro",
        "~/.var/app/org.mozilla.thunderbird/.thunderbird:ro",
        "~/snap/thunderbird/common/.thunderbird:ro",
        "xdg-config/evolution:ro",
        "~/.var/app/org.gnome.Evolution/config/evolution:ro",
        "xdg-config/mailtransports:ro",
        "xdg-config/akonadi_imap_resource_0rc:ro",
        "xdg-config/akonadi_imap_resource_1rc:ro",
        "xdg-config/akonadi_pop3_resource_0rc:ro",
        "xdg-config/akonadi_pop3_resource_1rc:ro",
        "xdg-config/geary:ro",
        "~/.var/app/org.gnome.Geary/config/geary:ro",
        "~/.claws-mail:ro",
        "xdg-config/goa-1.0:ro",
    )
}
FINISH_ARGS |= ACCOUNT_GRANTS
# A comment on a line of its own ("/* why */"): json-glib, and so
# flatpak-builder, reads them; everything else is strict JSON.
COMMENT = re.compile(r"^\s*/\* .+ \*/\n", re.MULTILINE)
RUNTIME = ("org.gnome.Platform", "org.gnome.Sdk", "51")


def strict_load(text):
    """json.loads that refuses what JSON does not allow but Python accepts."""
    def pairs(items):
        keys = [k for k, _ in items]
        duplicates = {k for k in keys if keys.count(k) > 1}
        if duplicates:
            raise ValueError(f"duplicate keys {sorted(duplicates)}")
        return dict(items)

    def constant(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)


def check_manifest(tap, path, flatpak_builder):
    name = os.path.basename(path)
    with_comments = open(path, encoding="utf-8").read()
    text = COMMENT.sub("", with_comments)
    try:
        manifest = strict_load(text)
    except ValueError as error:
        tap.ok(False, f"{name} is strict JSON", str(error))
        return None
    tap.ok(isinstance(manifest, dict), f"{name} is strict JSON")
    tap.ok(text == json.dumps(manifest, indent=4, ensure_ascii=False) + "\n",
           f"{name} is indented with 4 spaces, one item a line")

    if flatpak_builder:
        # flatpak-builder leaves a .flatpak-builder directory in its
        # working directory: keep it out of the trees.
        with tempfile.TemporaryDirectory() as scratch:
            result = tap.run([flatpak_builder, "--show-manifest", path], cwd=scratch)
        complaints = [line for line in result.stderr.splitlines()
                      if "Unknown property" in line or "Json-WARNING" in line
                      or "WARNING" in line or "CRITICAL" in line]
        tap.ok(result.returncode == 0 and not complaints,
               f"flatpak-builder --show-manifest {name}: no unknown property, no warning",
               result.stderr)

    stem = name[:-len(".json")]
    tap.ok(manifest.get("id") == stem, f"{name}: id equals the file name",
           repr(manifest.get("id")))
    tap.ok((manifest.get("runtime"), manifest.get("sdk"),
            manifest.get("runtime-version")) == RUNTIME,
           f"{name}: org.gnome.Platform/Sdk, runtime version 51")
    tap.ok(manifest.get("command") == "mailssl-assistant",
           f"{name}: command mailssl-assistant")
    finish_args = manifest.get("finish-args", [])
    tap.ok(len(finish_args) == len(set(finish_args)) and set(finish_args) == FINISH_ARGS,
           f"{name}: finish-args are exactly {' '.join(sorted(FINISH_ARGS))}",
           repr(finish_args))

    # Every permission says why, in a comment just above it.
    lines = with_comments.splitlines()
    uncommented = [arg for arg in finish_args
                   if not any(line.strip().rstrip(",") == json.dumps(arg) and i > 0
                              and COMMENT.match(lines[i - 1] + "\n")
                              for i, line in enumerate(lines))]
    tap.ok(not uncommented, f"{name}: every finish-arg has a comment saying why",
           repr(uncommented))
    writable = [arg for arg in finish_args
                if arg.startswith("--filesystem=") and not arg.endswith(":ro")]
    tap.ok(not writable, f"{name}: every file grant is read-only", repr(writable))

    modules = manifest.get("modules") or [{}]
    app = modules[-1] if isinstance(modules[-1], dict) else {}
    tap.ok(app.get("name") == "mailssl-assistant" and app.get("buildsystem") == "meson",
           f"{name}: the last module is the app, built with meson")
    options = app.get("config-opts", [])
    tap.ok(not any("werror" in o for o in options),
           f"{name}: the Flatpak build does not use -Dwerror", repr(options))
    return manifest


def main():
    app_id, base_id, version, metainfo, desktop = sys.argv[1:6]
    source_root = os.environ["MSA_SOURCE_ROOT"]
    build_root = os.environ["MSA_BUILD_ROOT"]
    devel_id = base_id + ".Devel"
    tap = Tap()

    flatpak_builder = tap.require("flatpak-builder", "flatpak-builder")
    manifest_dir = os.path.join(source_root, "build-aux", "flatpak")
    found = sorted(os.path.basename(p) for p in glob.glob(os.path.join(manifest_dir, "*.json")))
    tap.ok(found == sorted([f"{base_id}.json", f"{devel_id}.json"]),
           "build-aux/flatpak has the release and the Devel manifest", repr(found))

    # The warning check below is only worth something if this
    # flatpak-builder does warn: a manifest with an unknown key must.
    if flatpak_builder:
        with tempfile.TemporaryDirectory() as scratch:
            bogus = os.path.join(scratch, "org.example.Bogus.json")
            with open(bogus, "w", encoding="utf-8") as out:
                out.write('{"id": "org.example.Bogus", "not-a-property": 1, "modules": []}')
            result = tap.run([flatpak_builder, "--show-manifest", bogus], cwd=scratch)
            tap.ok("Unknown property" in result.stderr,
                   "flatpak-builder --show-manifest reports unknown properties on stderr",
                   result.stderr)

    manifests = {}
    for stem in (base_id, devel_id):
        path = os.path.join(manifest_dir, f"{stem}.json")
        if os.path.exists(path):
            manifests[stem] = check_manifest(tap, path, flatpak_builder)

    # The release manifest builds a tagged release from git over https.
    release = manifests.get(base_id) or {}
    app = (release.get("modules") or [{}])[-1]
    sources = app.get("sources", []) if isinstance(app, dict) else []
    source = sources[0] if len(sources) == 1 else {}
    tag = f"v{version}"
    tap.ok(not any("development" in o for o in app.get("config-opts", [])),
           "release manifest: not a development build")
    tap.ok(source.get("type") == "git" and str(source.get("url", "")).startswith("https://"),
           "release manifest: the app's one source is git over https", repr(sources))
    tap.ok(source.get("tag") == tag, f"release manifest: tag {tag} (the project version)",
           repr(source.get("tag")))
    commit = source.get("commit")
    tagged = subprocess.run(["git", "-C", source_root, "rev-parse", "-q", "--verify",
                             f"refs/tags/{tag}^{{commit}}"],
                            capture_output=True, text=True)
    if tagged.returncode == 0:
        # A release exists: the manifest must pin its exact commit.
        tap.ok(commit == tagged.stdout.strip(),
               f"release manifest: commit is the 40-hex commit of tag {tag}",
               f"{commit!r} != {tagged.stdout.strip()!r}")
    else:
        tap.diag(f"tag {tag} does not exist yet; its commit is required once it does")
        tap.ok(commit is None or re.fullmatch(r"[0-9a-f]{40}", str(commit)),
               "release manifest: no commit, or a 40-hex one", repr(commit))

    # The Devel manifest builds this checkout as the Devel application.
    devel = manifests.get(devel_id) or {}
    app = (devel.get("modules") or [{}])[-1]
    sources = app.get("sources", []) if isinstance(app, dict) else []
    source = sources[0] if len(sources) == 1 else {}
    tap.ok("-Ddevelopment=true" in app.get("config-opts", []),
           "Devel manifest: configured with -Ddevelopment=true")
    directory = os.path.normpath(os.path.join(manifest_dir, str(source.get("path", ""))))
    tap.ok(source.get("type") == "dir"
           and os.path.samefile(directory, source_root),
           "Devel manifest: the app's one source is this checkout (type dir)", repr(sources))

    # One ID everywhere: this build's ID is the matching manifest's.
    development = app_id == devel_id
    tap.ok(app_id in (base_id, devel_id), f"this build's application ID {app_id}")
    tap.ok(app_id in manifests, f"a manifest is named {app_id}.json")
    try:
        root = ElementTree.parse(metainfo).getroot()
        metainfo_id = root.findtext("id")
        launchable = root.findtext("launchable")
    except (OSError, ElementTree.ParseError) as error:
        metainfo_id = launchable = str(error)
    tap.ok(metainfo_id == app_id, "the metainfo id is the application ID", repr(metainfo_id))
    tap.ok(launchable == f"{app_id}.desktop" == os.path.basename(desktop),
           "the desktop file's name is the application ID and the metainfo launches it",
           f"{launchable!r}, {os.path.basename(desktop)!r}")
    icons = [os.path.join(source_root, "data", "icons", "hicolor", "scalable", "apps",
                          f"{base_id}.svg"),
             os.path.join(source_root, "data", "icons", "hicolor", "symbolic", "apps",
                          f"{base_id}-symbolic.svg")]
    tap.ok(all(os.path.isfile(i) for i in icons),
           "the icons are named after the application ID (renamed for Devel on install)")
    config_h = open(os.path.join(build_root, "config.h"), encoding="utf-8").read()
    tap.ok(f'#define APPLICATION_ID "{app_id}"' in config_h,
           "config.h's APPLICATION_ID is the application ID")
    sources = glob.glob(os.path.join(source_root, "src", "**", "*.c"), recursive=True)
    creators = [p for p in sources
                if re.search(r'"application-id",\s*APPLICATION_ID',
                             open(p, encoding="utf-8").read())]
    tap.ok(bool(creators), "the GApplication is created with APPLICATION_ID",
           "no src/**/*.c sets \"application-id\" to APPLICATION_ID")
    tap.diag(f"development build: {development}")

    # The code builds on the Flatpak runtime's newer libraries only because
    # the API is pinned at Debian 12's versions in every compile command.
    with open(os.path.join(build_root, "compile_commands.json"), encoding="utf-8") as f:
        commands = json.load(f)
    pins = ["-DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74",
            "-DGDK_VERSION_MAX_ALLOWED=GDK_VERSION_4_8",
            "-DADW_VERSION_MAX_ALLOWED=ADW_VERSION_1_2"]
    unpinned = [c["file"] for c in commands
                if c["file"].endswith(".c") and not all(p in c["command"] for p in pins)]
    tap.ok(bool(commands) and not unpinned,
           "every C file is compiled with GLib/GDK/libadwaita API pinned (builds on GNOME 51)",
           "\n".join(unpinned))

    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
