"""Photos of salons and of their staff.

An upload is opened with Pillow, checked (a JPEG, PNG or WebP image, not too big, not too
small), turned upright from its EXIF orientation, cropped to the shape the pages use (4:3 for
a salon, square for a person) and saved as WebP at the few widths the pages ask for. The files
are written fresh from the pixels only, so no metadata of the original (GPS position, camera,
date, owner) survives. They are named by a hash of their content: the same photo uploaded
twice is one set of files, and a file's address never changes its content, so browsers may
keep it for ever.

Staff photos are personal data (a person's image): the salon shows one only if the person
agreed; removing it, the person leaving the team's account erasure, delete the files.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from io import BytesIO
from typing import IO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from creneau.accounts.models import User
from creneau.catalog.freshness import public_pages_changed
from creneau.catalog.models import Business, SalonPhoto, StaffMember
from creneau.catalog.permissions import SALON_MANAGE, membership_required, salon_object
from creneau.errors import DomainError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SALON_PHOTOS = 12
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO"}  # MPO: what many phones' JPEGs open as


@dataclass(frozen=True)
class Shape:
    kind: str
    widths: tuple[int, ...]
    ratio: tuple[int, int]  # width : height
    minimum: tuple[int, int]  # the smallest upload taken (width, height)

    def height(self, width: int) -> int:
        return width * self.ratio[1] // self.ratio[0]


SALON = Shape(kind="salons", widths=(320, 640, 1280), ratio=(4, 3), minimum=(800, 600))
STAFF = Shape(kind="staff", widths=(96, 192), ratio=(1, 1), minimum=(120, 120))
SHAPES = {shape.kind: shape for shape in (SALON, STAFF)}
FILE_NAME = re.compile(r"^(?P<key>[0-9a-f]{32})-(?P<width>[0-9]{2,4})\.webp$")


class PhotoRejected(DomainError):
    code = "photo_rejected"
    status = 400
    default_message = _("This file is not a photo we can use: send a JPEG, PNG or WebP image.")


class TooManyPhotos(DomainError):
    code = "too_many_photos"
    status = 409
    default_message = _("A salon shows at most 12 photos: remove one first.")


def _path(shape: Shape, key: str, width: int) -> str:
    return f"photos/{shape.kind}/{key}-{width}.webp"


def photo_url(shape: Shape, key: str, width: int) -> str:
    return reverse("web:photo", kwargs={"kind": shape.kind, "name": f"{key}-{width}.webp"})


def photo_srcset(shape: Shape, key: str) -> str:
    return ", ".join(f"{photo_url(shape, key, w)} {w}w" for w in shape.widths)


def photo_file_path(*, kind: str, name: str) -> str | None:
    """The storage path of a served photo file, or None for a name we never make."""
    shape = SHAPES.get(kind)
    match = FILE_NAME.match(name)
    if shape is None or match is None or int(match["width"]) not in shape.widths:
        return None
    return _path(shape, match["key"], int(match["width"]))


def photo_files_make(source: IO[bytes] | bytes, *, shape: Shape) -> dict[int, bytes]:
    """The WebP files of `source` at each of the shape's widths. Raises PhotoRejected."""
    data = source if isinstance(source, bytes) else source.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise PhotoRejected(_("This photo is over 10 MB: send a smaller one."))
    try:
        with Image.open(BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise PhotoRejected()
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoRejected(_("This photo has too many pixels: send a smaller one."))
            probe.verify()
        with Image.open(BytesIO(data)) as opened:
            opened.load()
            upright = ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoRejected() from None
    least_w, least_h = shape.minimum
    if upright.width < least_w or upright.height < least_h:
        raise PhotoRejected(
            _("This photo is too small: it needs at least %(w)d by %(h)d pixels.")
            % {"w": least_w, "h": least_h}
        )
    if upright.mode in ("RGBA", "LA", "P"):
        # Transparent parts on white, as the pages' background.
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        upright = flat
    else:
        upright = upright.convert("RGB")
    largest = shape.widths[-1]
    framed = ImageOps.fit(upright, (largest, shape.height(largest)), Image.Resampling.LANCZOS)
    files = {}
    for width in shape.widths:
        sized = (
            framed
            if width == largest
            else framed.resize((width, shape.height(width)), Image.Resampling.LANCZOS)
        )
        out = BytesIO()
        # Written from pixels: no EXIF, XMP or ICC profile is carried over.
        sized.save(out, format="WEBP", quality=80, method=4)
        files[width] = out.getvalue()
    return files


def photo_files_store(shape: Shape, files: dict[int, bytes]) -> str:
    """Save the files (once: their names hold their content's hash); return their key."""
    key = hashlib.sha256(files[shape.widths[-1]]).hexdigest()[:32]
    for width, content in files.items():
        path = _path(shape, key, width)
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(content))
    return key


def _forget(shape: Shape, key: str) -> None:
    """Delete a photo's files once no salon or person uses them any more."""
    if not key:
        return
    used = (
        SalonPhoto.objects.filter(key=key).exists()
        if shape is SALON
        else StaffMember.objects.filter(photo_key=key).exists()
    )
    if not used:
        for width in shape.widths:
            default_storage.delete(_path(shape, key, width))


def _cover_refresh(business: Business) -> None:
    """Keep the salon's first photo's key on its row, for the results cards."""
    first = (
        SalonPhoto.objects.filter(business=business)
        .order_by("position", "pk")
        .values_list("key", flat=True)
        .first()
    )
    Business.objects.filter(pk=business.pk).update(cover_key=first or "")
    business.cover_key = first or ""


def salon_photo_add(
    *, actor: User, business: Business, upload: IO[bytes] | bytes, alt: str = ""
) -> SalonPhoto:
    """Add a photo at the end of the salon's gallery (owners and managers)."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    if SalonPhoto.objects.filter(business=business).count() >= MAX_SALON_PHOTOS:
        raise TooManyPhotos()
    key = photo_files_store(SALON, photo_files_make(upload, shape=SALON))
    try:
        with transaction.atomic():
            # Two uploads at once: the salon's row is the lock, so the limit is counted again
            # by each in turn (SQLite's IMMEDIATE transaction already serialises them).
            list(Business.objects.select_for_update().filter(pk=business.pk).values("pk"))
            gallery = SalonPhoto.objects.filter(business=business)
            if gallery.count() >= MAX_SALON_PHOTOS:
                raise TooManyPhotos()
            last = gallery.order_by("-position").first()
            photo = SalonPhoto.objects.create(
                business=business,
                key=key,
                alt=alt.strip()[:200],
                position=(last.position + 1) if last else 0,
            )
            _cover_refresh(business)
            public_pages_changed(business_id=business.pk)
    except BaseException:
        # The files were written before the row: none is left behind when the row is not.
        _forget(SALON, key)
        raise
    return photo


def salon_photo_first(*, actor: User, business: Business, pk: int) -> None:
    """Make this photo the one shown first (on the salon's card and at the top of its page)."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    photo = salon_object(SalonPhoto, business, pk)
    with transaction.atomic():
        others = SalonPhoto.objects.filter(business=business).exclude(pk=photo.pk)
        for position, other in enumerate(others.order_by("position", "pk"), start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])
        photo.position = 0
        photo.save(update_fields=["position"])
        _cover_refresh(business)
        public_pages_changed(business_id=business.pk)


def salon_photo_remove(*, actor: User, business: Business, pk: int) -> None:
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    photo = salon_object(SalonPhoto, business, pk)
    with transaction.atomic():
        photo.delete()
        _cover_refresh(business)
        public_pages_changed(business_id=business.pk)
        transaction.on_commit(lambda: _forget(SALON, photo.key))


def staff_photo_set(
    *, actor: User, business: Business, pk: int, upload: IO[bytes] | bytes, consented: bool
) -> StaffMember:
    """Show a photo of this team member (owners and managers, with the person's agreement)."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    member = salon_object(StaffMember, business, pk)
    if not consented:
        raise PhotoRejected(_("Confirm that this person agrees to their photo being shown."))
    key = photo_files_store(STAFF, photo_files_make(upload, shape=STAFF))
    old = member.photo_key
    try:
        with transaction.atomic():
            member.photo_key = key
            member.save(update_fields=["photo_key"])
            if old != key:
                transaction.on_commit(lambda: _forget(STAFF, old))
    except BaseException:
        _forget(STAFF, key)
        raise
    return member


def staff_photo_remove(*, actor: User, business: Business, pk: int) -> None:
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    member = salon_object(StaffMember, business, pk)
    staff_photo_forget(member=member)


def staff_photo_forget(*, member: StaffMember) -> None:
    """Remove a person's photo and its files (their removal, their account's erasure)."""
    old = member.photo_key
    if not old:
        return
    member.photo_key = ""
    member.save(update_fields=["photo_key"])
    transaction.on_commit(lambda: _forget(STAFF, old))
