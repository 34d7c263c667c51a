#!/usr/bin/env python3
"""Draws Latchkey's icons (no image library needed): the app icon, a key in a rounded square, and
one tray icon per state — a key whose colour says the state, with a badge for attention and offline.
Run `python3 icons/draw.py` to regenerate the PNGs beside it."""
import math
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def png(path, size, pixel):
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

    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as out:
        out.write(data)


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
    for size in (32, 128, 256, 512):
        png(os.path.join(HERE, "app", f"icon-{size}.png"), size, app_icon)
    png(os.path.join(HERE, "app", "icon.png"), 512, app_icon)
    grey, green, amber, blue, red = (120, 120, 120), (46, 160, 67), (191, 135, 0), (31, 111, 235), (207, 34, 46)
    states = {
        "signed-out": tray(grey),
        "signed-in": tray(green),
        "attention": tray(amber, badge=red),
        "offline": tray(blue, badge=grey),
    }
    for name, pixel in states.items():
        png(os.path.join(HERE, "tray", f"{name}.png"), 64, pixel)
