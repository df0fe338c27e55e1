"""Draw the installable app's icons (web/static/icons/) with Pillow.

The mark is a white "C" (an open ring, as in Créneau) with a dot, the slot it frames, on the
brand's purple. "any" icons are a rounded square; "maskable" icons fill the whole square and
keep the mark inside the central safe zone (a circle of 40 % of the size in radius), since the
phone cuts them to its own shape. Drawn four times larger, then reduced, for smooth edges.

Run: .venv/bin/python scripts/make-app-icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = (79, 31, 148, 255)  # --brand-dark of site.css
WHITE = (255, 255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "creneau" / "web" / "static" / "icons"
SCALE = 4


def mark(draw: ImageDraw.ImageDraw, size: int, extent: float) -> None:
    """The C and its dot, `extent` being the share of `size` the mark spans."""
    centre = size / 2
    radius = size * extent / 2
    stroke = radius * 0.32
    box = (centre - radius, centre - radius, centre + radius, centre + radius)
    draw.arc(box, start=45, end=315, fill=WHITE, width=round(stroke))
    dot = stroke * 0.75
    draw.ellipse((centre - dot, centre - dot, centre + dot, centre + dot), fill=WHITE)


def icon(size: int, *, maskable: bool) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=BRAND)
        mark(draw, big, extent=0.5)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.22, fill=BRAND)
        mark(draw, big, extent=0.62)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (48, 192, 512):
        icon(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
    for size in (192, 512):
        icon(size, maskable=True).save(OUT / f"maskable-{size}.png", optimize=True)
    # iOS ignores the manifest's icons and rounds the corners itself: a full square.
    icon(180, maskable=True).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
