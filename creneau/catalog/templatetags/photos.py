"""Photos in pages: `{% salon_photo photo sizes="..." %}` and `{% staff_avatar member %}`.

Every image carries its width and height (no layout shift while it loads), a `srcset` the
browser picks from, and lazy loading unless it is the first thing on the page.
"""

from __future__ import annotations

from typing import Any

from django import template

from creneau.catalog.models import SalonPhoto, StaffMember
from creneau.catalog.photos import SALON, STAFF, photo_srcset, photo_url

register = template.Library()


@register.inclusion_tag("catalog/_salon_photo.html")
def salon_photo(
    photo: SalonPhoto,
    *,
    width: int = 640,
    sizes: str = "(max-width: 700px) 100vw, 640px",
    eager: bool = False,
    alt: str = "",
) -> dict[str, Any]:
    return {
        "src": photo_url(SALON, photo.key, 640),
        "srcset": photo_srcset(SALON, photo.key),
        "sizes": sizes,
        "width": width,
        "height": SALON.height(width),
        "alt": photo.alt or alt,
        "eager": eager,
    }


@register.inclusion_tag("catalog/_staff_avatar.html")
def staff_avatar(member: StaffMember, *, size: int = 48) -> dict[str, Any]:
    name = member.display_name or ""
    initials = "".join(part[:1] for part in name.split()[:2]).upper() or "?"
    return {
        "src": photo_url(STAFF, member.photo_key, 192) if member.photo_key else "",
        "srcset": photo_srcset(STAFF, member.photo_key) if member.photo_key else "",
        "size": size,
        "initials": initials,
        "name": name,
    }
