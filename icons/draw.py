#!/usr/bin/env python3
"""Draws Latchkey's icons (no image library needed): the app icon, a key in a rounded square, and
one tray icon per state — a key whose colour says the state, with a badge for attention and offline.
Run `python3 icons/draw.py` to regenerate the PNGs beside it."""
import math
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def png_bytes(size, pixel):
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            row.extend(pixel((x + 0.5) / size, (y + 0.5) / size))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def png(path, size, pixel):
    with open(path, "wb") as out:
        out.write(png_bytes(size, pixel))


def ico(path, sizes, pixel):
    """A Windows .ico whose entries are PNGs (supported since Windows Vista)."""
    images = [png_bytes(size, pixel) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, image in zip(sizes, images):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(image), offset)
        blobs += image
        offset += len(image)
    with open(path, "wb") as out:
        out.write(header + entries + blobs)


def icns(path, pixel):
    """A macOS .icns with PNG entries: icp4 16, icp5 32, ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x)."""
    body = b""
    for kind, size in ((b"icp4", 16), (b"icp5", 32), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)):
        image = png_bytes(size, pixel)
        body += kind + struct.pack(">I", 8 + len(image)) + image
    with open(path, "wb") as out:
        out.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def key(u, v):
    """Coverage of the key shape in the unit square: a ring (the bow) and a shaft with two teeth."""
    bow = math.hypot(u - 0.32, v - 0.5)
    if 0.11 <= bow <= 0.22:
        return True
    if 0.5 <= u <= 0.86 and 0.45 <= v <= 0.55:
        return True
    if (0.66 <= u <= 0.72 or 0.78 <= u <= 0.86) and 0.55 <= v <= 0.68:
        return True
    return False


def tray(colour, badge=None):
    def pixel(u, v):
        if badge and math.hypot(u - 0.8, v - 0.2) <= 0.18:
            return (*badge, 255)
        if key(u, v):
            return (*colour, 255)
        return (0, 0, 0, 0)
    return pixel


def app_icon(u, v):
    inside = max(abs(u - 0.5), abs(v - 0.5)) <= 0.46
    if not inside:
        return (0, 0, 0, 0)
    if key((u - 0.5) * 1.15 + 0.5, (v - 0.5) * 1.15 + 0.5):
        return (255, 255, 255, 255)
    return (31, 87, 160, 255)


if __name__ == "__main__":
    for size in (16, 32, 48, 64, 128, 256, 512):
        png(os.path.join(HERE, "app", f"icon-{size}.png"), size, app_icon)
    png(os.path.join(HERE, "app", "icon.png"), 512, app_icon)
    ico(os.path.join(HERE, "app", "icon.ico"), (16, 24, 32, 48, 64, 256), app_icon)
    icns(os.path.join(HERE, "app", "icon.icns"), app_icon)
    grey, green, amber, blue, red = (120, 120, 120), (46, 160, 67), (191, 135, 0), (31, 111, 235), (207, 34, 46)
    states = {
        "signed-out": tray(grey),
        "signed-in": tray(green),
        "attention": tray(amber, badge=red),
        "offline": tray(blue, badge=grey),
    }
    for name, pixel in states.items():
        png(os.path.join(HERE, "tray", f"{name}.png"), 64, pixel)
