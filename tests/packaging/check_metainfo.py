#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a built or installed metainfo file.

Usage: check_metainfo.py FILE APP_ID VERSION

Debian 12's appstreamcli (0.16) is more lenient than Flathub's linter: the
tags that matter are raised to errors, and what it does not check at all is
asserted with xmllint XPath queries.
"""

import datetime
import os
import re
import struct
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from msatap import Tap  # noqa: E402

RAISED_TAGS = [
    "releases-info-missing",
    "content-rating-missing",
    "screenshot-no-caption",
    "category-invalid",
    "cid-desktopapp-is-not-rdns",
    "desktop-app-launchable-omitted",
    "invalid-child-tag-name",
    "metainfo-filename-cid-mismatch",
    "metainfo-legacy-path",
    "name-has-dot-suffix",
]
HOMEPAGE = "https://github.com/mailssl/assistant"
RAW_PREFIX = "https://raw.githubusercontent.com/mailssl/assistant/main/"


def check(tap, path, app_id, version):
    """Appends the metainfo file's checks to tap."""
    source_root = os.environ["MSA_SOURCE_ROOT"]

    tap.ok(os.path.basename(path) == f"{app_id}.metainfo.xml",
           "the file is named after the application ID",
           f"{os.path.basename(path)} != {app_id}.metainfo.xml")

    appstreamcli = tap.require("appstreamcli", "appstream")
    validate = None
    if appstreamcli:
        validate = [appstreamcli, "validate", "--no-net", "--explain"]
        # One option with a comma-separated list: appstreamcli 0.16 keeps
        # only the last of several --override options.
        validate.append("--override=" + ",".join(f"{tag}=error" for tag in RAISED_TAGS))
        result = tap.run(validate + [path])
        tap.ok(result.returncode == 0,
               "appstreamcli validate --no-net --explain, important tags as errors",
               result.stdout + result.stderr)

    xmllint = tap.require("xmllint", "libxml2-utils")
    if not xmllint:
        return

    def xpath(expr):
        result = tap.run([xmllint, "--xpath", expr, path])
        return result.stdout.strip() if result.returncode == 0 else ""

    def count(expr):
        text = xpath(f"count({expr})")
        return int(float(text)) if text else -1

    def is_(expr, expected, name):
        value = xpath(f"string({expr})")
        tap.ok(value == expected, name, f"{expr}: {value!r} != {expected!r}")

    def has(expr, name, details=None):
        tap.ok(count(expr) >= 1, name, details or f"nothing matches {expr}")

    # Identity
    is_("/component/@type", "desktop-application", "a desktop-application component")
    is_("/component/id", app_id, "id is the application ID")
    is_("/component/launchable[@type='desktop-id']", f"{app_id}.desktop",
        "launchable is the application ID's desktop file")
    is_("/component/metadata_license", "CC0-1.0", "metadata_license CC0-1.0")
    is_("/component/project_license", "GPL-3.0-or-later",
        "project_license GPL-3.0-or-later")
    copying = os.path.join(source_root, "COPYING")
    text = open(copying, encoding="utf-8").read() if os.path.exists(copying) else ""
    tap.ok("GNU GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text,
           "COPYING at the top is the GPL version 3 the metainfo names")

    # Texts, English and German (German from po/de.po through merge_file)
    is_("/component/name[not(@xml:lang)]", "Mail SSL Assistant", "English name")
    is_("/component/name[@xml:lang='de']", "Mail-SSL-Assistent",
        "German name (po/de.po)")
    has("/component/summary[not(@xml:lang)][normalize-space()]", "English summary")
    has("/component/summary[@xml:lang='de'][normalize-space()]",
        "German summary (po/de.po)")
    texts = "/component/description/p{0} | /component/description/*/li{0}"
    english = count(texts.format("[not(@xml:lang)]"))
    german = count(texts.format("[@xml:lang='de']"))
    tap.ok(count("/component/description/p[not(@xml:lang)]") >= 2,
           "English description has paragraphs")
    tap.ok(german == english,
           "every paragraph and list item of the description is in German too (po/de.po)",
           f"{english} English, {german} German")

    # Developer and project links
    has("/component/developer[contains(@id, '.')]/name[normalize-space()]",
        "developer with an rDNS id and a name")
    is_("/component/url[@type='homepage']", HOMEPAGE, "homepage URL")
    is_("/component/url[@type='bugtracker']", HOMEPAGE + "/issues", "bugtracker URL")
    is_("/component/url[@type='vcs-browser']", HOMEPAGE, "vcs-browser URL")
    is_("/component/translation[@type='gettext']", "mailssl-assistant",
        "translation type=gettext names the gettext domain")

    # Ratings, hardware, branding
    is_("/component/content_rating/@type", "oars-1.1", "content_rating oars-1.1")
    is_("/component/requires/internet", "always", "requires internet always")
    is_("/component/requires/display_length[@compare='ge']", "360",
        "requires a display of at least 360 px")
    has("/component/supports/control[.='keyboard']", "supports keyboard")
    has("/component/supports/control[.='pointing']", "supports pointing")
    colours = [xpath(f"string(/component/branding/color[@type='primary']"
                     f"[@scheme_preference='{scheme}'])")
               for scheme in ("light", "dark")]
    tap.ok(count("/component/branding/color") == 2
           and all(re.fullmatch(r"#[0-9a-fA-F]{6}", c) for c in colours)
           and colours[0].lower() != colours[1].lower(),
           "two branding colours, light and dark", repr(colours))

    # Releases: dated, not in the future, newest first, newest = this version
    n_releases = count("/component/releases/release")
    releases = [(xpath(f"string(/component/releases/release[{i}]/@version)"),
                 xpath(f"string(/component/releases/release[{i}]/@date)"))
                for i in range(1, max(n_releases, 0) + 1)]
    tap.ok(n_releases >= 1 and all(v and d for v, d in releases),
           "releases, each with a version and a date", repr(releases))
    today = datetime.date.today()
    try:
        dates = [datetime.date.fromisoformat(d) for _, d in releases]
    except ValueError as error:
        dates = []
        tap.diag(f"bad release date: {error}")
    tap.ok(bool(dates) and all(d <= today for d in dates),
           "no release date in the future", repr(releases))
    tap.ok(bool(dates) and dates == sorted(dates, reverse=True),
           "releases in order, newest first", repr(releases))
    tap.ok(bool(releases) and releases[0][0] == version,
           "the newest release is the project version", f"{releases[:1]} vs {version}")

    # Screenshots
    n_shots = count("/component/screenshots/screenshot")
    tap.ok(n_shots >= 2, "screenshots", f"{n_shots}")
    tap.ok(count("/component/screenshots/screenshot[@type='default']") == 1
           and count("/component/screenshots/screenshot[1][@type='default']") == 1,
           "exactly one default screenshot, and it comes first")
    tap.ok(count("/component/screenshots/screenshot"
                 "[caption[not(@xml:lang)][normalize-space()]]") == n_shots,
           "a caption on every screenshot")
    tap.ok(count("/component/screenshots/screenshot"
                 "[caption[@xml:lang='de'][normalize-space()]]") == n_shots,
           "a German caption on every screenshot (po/de.po)")
    tap.ok(count("/component/screenshots/screenshot[image[not(@xml:lang)]]") == n_shots
           and count("/component/screenshots/screenshot[image[@xml:lang='de']]") == n_shots,
           "every screenshot has an English and a German (xml:lang=de) image")
    n_images = count("/component/screenshots/screenshot/image")
    for i in range(1, max(n_images, 0) + 1):
        url = xpath(f"string((/component/screenshots/screenshot/image)[{i}])")
        relative = url[len(RAW_PREFIX):] if url.startswith(RAW_PREFIX) else None
        local = os.path.join(source_root, relative) if relative else None
        png = b""
        if local and os.path.isfile(local):
            with open(local, "rb") as image:
                png = image.read(24)
        # Width and height from the IHDR chunk; AppStream asks for at least
        # 624×351 so that software centres need not scale pictures up.
        width, height = struct.unpack(">II", png[16:24]) if len(png) == 24 else (0, 0)
        tap.ok(png[:8] == b"\x89PNG\r\n\x1a\n" and width >= 624 and height >= 351,
               f"screenshot {url.rsplit('/', 1)[-1]} is a PNG of at least 624×351 in "
               f"this repository, served from {RAW_PREFIX}",
               f"{url!r} should be {RAW_PREFIX}<path> with <path> a PNG in the "
               f"source tree ({relative}: {'missing' if not png else f'{width}×{height}'})")

    # The raised tags really are errors: a copy without a content rating and
    # one without captions must fail validation.
    if validate:
        with tempfile.TemporaryDirectory() as scratch:
            original = open(path, encoding="utf-8").read()
            broken = {
                "content-rating-missing":
                    re.sub(r"<content_rating[^>]*/>|<content_rating.*?</content_rating>",
                           "", original, flags=re.S),
                "screenshot-no-caption":
                    re.sub(r"<caption[^>]*>.*?</caption>", "", original, flags=re.S),
            }
            for tag, text in broken.items():
                copy = os.path.join(scratch, os.path.basename(path))
                with open(copy, "w", encoding="utf-8") as out:
                    out.write(text)
                result = tap.run(validate + [copy])
                tap.ok(result.returncode != 0 and tag in result.stdout,
                       f"the validator fails a copy with {tag} (the override works)",
                       result.stdout + result.stderr)


def main():
    tap = Tap()
    check(tap, sys.argv[1], sys.argv[2], sys.argv[3])
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
