"""Generated photos for the demo salons, so the demo looks alive without shipping pictures.

Each salon type has a palette; a few "interiors" are drawn per type (a wall in a gradient, a
floor, mirrors, lamps, a plant, chairs) and go through the same pipeline as an upload
(`creneau.catalog.photos`), so the demo exercises resizing and serving. The drawings are the
same for the same seed, and every salon of a type shares them: their files are made once.
The demo professional's team gets drawn portraits too.
"""

from __future__ import annotations

import random
from io import BytesIO

from PIL import Image, ImageDraw

from creneau.catalog.models import Business, SalonPhoto, StaffMember
from creneau.catalog.photos import SALON, STAFF, photo_files_make, photo_files_store

PALETTES = {
    "hair": ((244, 228, 216), (196, 150, 122), (92, 58, 46)),
    "barber": ((52, 58, 64), (160, 120, 80), (225, 214, 196)),
    "beauty": ((250, 232, 236), (214, 160, 176), (120, 72, 96)),
    "nails": ((252, 240, 244), (236, 144, 170), (96, 64, 120)),
    "spa": ((226, 238, 230), (150, 186, 160), (60, 96, 80)),
}
PER_TYPE = 3


def _interior(rng: random.Random, palette: tuple[tuple[int, int, int], ...]) -> bytes:
    wall, accent, dark = palette
    width, height = SALON.widths[-1], SALON.height(SALON.widths[-1])
    image = Image.new("RGB", (width, height), wall)
    draw = ImageDraw.Draw(image)
    for y in range(height * 2 // 3):  # the wall darkens towards the floor
        shade = 1 - 0.18 * y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c * shade) for c in wall))
    floor = height * 2 // 3
    draw.rectangle([0, floor, width, height], fill=tuple(int(c * 0.75) for c in accent))
    mirrors = rng.randint(2, 4)
    gap = width // (mirrors + 1)
    for n in range(mirrors):
        x = gap * (n + 1)
        w, h = rng.randint(150, 210), rng.randint(260, 340)
        top = floor - h - rng.randint(40, 80)
        draw.rounded_rectangle([x - w // 2, top, x + w // 2, top + h], 60, fill=dark)
        draw.rounded_rectangle(
            [x - w // 2 + 12, top + 12, x + w // 2 - 12, top + h - 12], 50, fill=(236, 242, 246)
        )
        draw.ellipse([x - 40, floor - 30, x + 40, floor + 50], fill=dark)  # a chair
        draw.rectangle([x - 8, floor + 40, x + 8, floor + 110], fill=dark)
        draw.ellipse([x - 18, 40, x + 18, 76], fill=(255, 236, 180))  # a lamp
        draw.line([(x, 0), (x, 40)], fill=dark, width=3)
    plant = rng.choice([60, width - 90])
    draw.rectangle([plant - 28, floor - 10, plant + 28, floor + 60], fill=dark)
    for leaf in range(7):
        angle_x = rng.randint(-70, 70)
        draw.ellipse(
            [plant + angle_x - 30, floor - 140 - leaf * 12, plant + angle_x + 30, floor - 60],
            fill=(70, 130, 80),
        )
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _portrait(rng: random.Random) -> bytes:
    size = STAFF.widths[-1]
    background = tuple(rng.randint(150, 230) for _ in range(3))
    skin = rng.choice([(241, 205, 180), (224, 172, 138), (176, 122, 90), (120, 80, 60)])
    hair = rng.choice([(40, 30, 25), (110, 70, 40), (200, 160, 90), (60, 40, 30)])
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse([size * 0.18, size * 0.72, size * 0.82, size * 1.3], fill=hair)  # shoulders
    draw.ellipse([size * 0.3, size * 0.14, size * 0.7, size * 0.62], fill=hair)
    draw.ellipse([size * 0.34, size * 0.22, size * 0.66, size * 0.62], fill=skin)
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def demo_photos_attach(
    *, business_ids: list[int], today: object, seed: int, people: bool = True
) -> str:
    """The demo extension: give each salon its type's drawn photos, Salon Éléa's team faces."""
    keys: dict[str, list[str]] = {}
    for category, palette in PALETTES.items():
        rng = random.Random(f"creneau-demo-photos:{seed}:{category}")
        keys[category] = [
            photo_files_store(SALON, photo_files_make(_interior(rng, palette), shape=SALON))
            for _ in range(PER_TYPE)
        ]
    rows = []
    salons = list(Business.objects.filter(pk__in=business_ids).only("pk", "category"))
    for business in salons:
        chosen = keys.get(business.category) or keys["hair"]
        start = business.pk % len(chosen)  # neighbours do not all open on the same picture
        for position in range(len(chosen)):
            key = chosen[(start + position) % len(chosen)]
            rows.append(SalonPhoto(business_id=business.pk, key=key, position=position))
        business.cover_key = chosen[start]
    SalonPhoto.objects.bulk_create(rows, batch_size=2000)
    Business.objects.bulk_update(salons, ["cover_key"], batch_size=1000)
    portraits = 0
    if business_ids:
        rng = random.Random(f"creneau-demo-portraits:{seed}")
        for member in StaffMember.objects.filter(business_id=business_ids[0], is_active=True):
            member.photo_key = photo_files_store(
                STAFF, photo_files_make(_portrait(rng), shape=STAFF)
            )
            member.save(update_fields=["photo_key"])
            portraits += 1
    return (
        f"Attached {len(rows):,} generated photos to {len(business_ids):,} salons "
        f"and {portraits} portraits."
    )
