#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the application icons: well-formed SVG of the right size, drawn
in GNOME's palette, rendering to a visible picture at 16 and 128 px; the
symbolic one is fills of a single colour, which is all GTK recolours.

Usage: check_icons.py SCALABLE_SVG SYMBOLIC_SVG DEVEL_SCALABLE_SVG
"""

import os
import re
import struct
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from msatap import Tap  # noqa: E402

# GNOME HIG palette (blue, green, yellow, orange, red, purple, brown,
# light, dark; five shades each).
PALETTE = {
    "#99c1f1", "#62a0ea", "#3584e4", "#1c71d8", "#1a5fb4",
    "#8ff0a4", "#57e389", "#33d17a", "#2ec27e", "#26a269",
    "#f9f06b", "#f8e45c", "#f6d32d", "#f5c211", "#e5a50a",
    "#ffbe6f", "#ffa348", "#ff7800", "#e66100", "#c64600",
    "#f66151", "#ed333b", "#e01b24", "#c01c28", "#a51d2d",
    "#dc8add", "#c061cb", "#9141ac", "#813d9c", "#613583",
    "#cdab8f", "#b5835a", "#986a44", "#865e3c", "#63452c",
    "#ffffff", "#f6f5f4", "#deddda", "#c0bfbc", "#9a9996",
    "#77767b", "#5e5c64", "#3d3846", "#241f31", "#000000",
}
SVG = "{http://www.w3.org/2000/svg}"


def png_coverage(path):
    """(width, height, share of pixels that are not fully transparent) of
    an 8-bit RGBA, non-interlaced PNG as rsvg-convert writes it."""
    with open(path, "rb") as png:
        data = png.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if (depth, colour, interlace) != (8, 6, 0):
        raise ValueError(f"unexpected PNG format {header}")
    raw, stride, bpp = zlib.decompress(idat), width * 4, 4
    previous, visible = bytearray(stride), 0
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xff
            elif kind == 2:
                line[x] = (line[x] + b) & 0xff
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xff
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xff
        visible += sum(1 for x in range(3, stride, 4) if line[x] > 0)
        previous = line
    return width, height, visible / (width * height)


def colours(path):
    text = open(path, encoding="utf-8").read().lower()
    return set(re.findall(r"#[0-9a-f]{6}\b", text)), text


def main():
    scalable, symbolic, devel = sys.argv[1:4]
    tap = Tap()
    xmllint = tap.require("xmllint", "libxml2-utils")
    rsvg = tap.require("rsvg-convert", "librsvg2-bin")

    for path, size in ((scalable, "128"), (devel, "128"), (symbolic, "16")):
        name = os.path.basename(path)
        if xmllint:
            result = tap.run([xmllint, "--noout", path])
            tap.ok(result.returncode == 0, f"{name} is well-formed XML", result.stderr)
        try:
            root = ElementTree.parse(path).getroot()
        except ElementTree.ParseError:
            root = ElementTree.Element("none")
        tap.ok(root.tag == f"{SVG}svg" and root.get("width") == size
               and root.get("height") == size and root.get("viewBox") == f"0 0 {size} {size}",
               f"{name} is a {size}×{size} SVG")

    for path in (scalable, devel):
        name = os.path.basename(path)
        used, _ = colours(path)
        tap.ok(used and used <= PALETTE, f"{name} uses GNOME's palette only",
               f"not in the palette: {sorted(used - PALETTE)}")
        tap.ok(len(used) >= 4, f"{name} has several colours", repr(used))
    tap.ok(open(scalable, "rb").read() != open(devel, "rb").read(),
           "the development build's icon differs from the stable one")

    used, text = colours(symbolic)
    root = ElementTree.parse(symbolic).getroot()
    elements = {e.tag.replace(SVG, "") for e in root.iter()}
    tap.ok(len(used) == 1, "the symbolic icon has one colour", repr(used))
    tap.ok("stroke" not in text and "style=" not in text,
           "the symbolic icon is fills only (GTK recolours fills, not strokes)")
    tap.ok(not elements & {"mask", "filter", "image", "text", "linearGradient",
                           "radialGradient", "clipPath", "use"},
           "the symbolic icon has only plain shapes", repr(sorted(elements)))

    if rsvg:
        with tempfile.TemporaryDirectory() as scratch:
            for path in (scalable, devel, symbolic):
                for size in (16, 128):
                    name = f"{os.path.basename(path)} at {size} px"
                    out = os.path.join(scratch, f"{os.path.basename(path)}-{size}.png")
                    result = tap.run([rsvg, "-w", str(size), "-h", str(size), path, "-o", out])
                    try:
                        width, height, coverage = png_coverage(out)
                    except (OSError, ValueError, TypeError, zlib.error) as error:
                        width = height = coverage = 0
                        tap.diag(str(error))
                    tap.ok(result.returncode == 0 and (width, height) == (size, size)
                           and 0.25 <= coverage <= 0.95,
                           f"{name} renders to a visible picture",
                           f"{result.stderr} {width}×{height}, {coverage:.0%} covered")

    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
