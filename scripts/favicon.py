#!/usr/bin/env python3
"""Writes assets/favicon.svg and assets/favicon.ico from one drawing: a
counter window (窓口) on the pages' link blue, on a 32 x 32 grid so the
ICO's pixels are the SVG's shapes exactly. Run from the repository root."""
import struct

SIZE, RADIUS = 32, 6
BLUE, WHITE = (0x0B, 0x57, 0xA4), (0xFF, 0xFF, 0xFF)
# (x, y, width, height, colour), painted in order over the rounded square.
RECTS = [
    (8, 6, 16, 12, WHITE),   # the window
    (15, 6, 2, 12, BLUE),    # its panes
    (8, 11, 16, 2, BLUE),
    (5, 21, 22, 3, WHITE),   # the counter
    (8, 24, 2, 3, WHITE),
    (22, 24, 2, 3, WHITE),
]


def hexc(c):
    return "#%02x%02x%02x" % c


def svg():
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">',
        f'<rect width="{SIZE}" height="{SIZE}" rx="{RADIUS}" fill="{hexc(BLUE)}"/>',
    ]
    parts += [f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{hexc(c)}"/>' for x, y, w, h, c in RECTS]
    parts.append("</svg>\n")
    return "".join(parts)


def inside_rounded(px, py):
    """Whether the pixel's centre is inside the rounded square."""
    cx, cy = px + 0.5, py + 0.5
    dx = max(RADIUS - cx, 0, cx - (SIZE - RADIUS))
    dy = max(RADIUS - cy, 0, cy - (SIZE - RADIUS))
    return dx * dx + dy * dy <= RADIUS * RADIUS


def pixel(px, py):
    if not inside_rounded(px, py):
        return (0, 0, 0, 0)
    colour = BLUE
    for x, y, w, h, c in RECTS:
        if x <= px < x + w and y <= py < y + h:
            colour = c
    return colour + (255,)


def ico():
    rows = []
    for py in reversed(range(SIZE)):  # BMP rows run bottom-up
        for px in range(SIZE):
            r, g, b, a = pixel(px, py)
            rows.append(struct.pack("BBBB", b, g, r, a))
    pixels = b"".join(rows)
    mask = b"\0" * (SIZE * 4)  # 1 bit a pixel, rows padded to 4 bytes; alpha rules
    header = struct.pack("<IiiHHIIiiII", 40, SIZE, SIZE * 2, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0)
    image = header + pixels + mask
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 22) + image


if __name__ == "__main__":
    open("assets/favicon.svg", "w").write(svg())
    open("assets/favicon.ico", "wb").write(ico())
