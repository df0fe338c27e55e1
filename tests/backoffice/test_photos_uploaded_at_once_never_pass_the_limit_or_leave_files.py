"""Uploads that arrive together past a full gallery: the limit still holds, and the refused
uploads leave no file behind (real threads, real connections)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from creneau.catalog.models import SalonPhoto
from creneau.catalog.photos import MAX_SALON_PHOTOS, TooManyPhotos, salon_photo_add
from tests.races import race

ATTEMPTS = 4


def picture(shade: int) -> bytes:
    """A photo of its own colour, so that each upload makes files of its own."""
    out = BytesIO()
    Image.new("RGB", (900, 675), (shade, 90, 160)).save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_last_place_in_the_gallery_goes_to_one_upload_only(salon, owner):
    SalonPhoto.objects.bulk_create(
        SalonPhoto(business=salon, key=f"{n:032x}", position=n) for n in range(MAX_SALON_PHOTOS - 1)
    )
    uploads = [picture(40 * n) for n in range(ATTEMPTS)]

    result = race(
        ATTEMPTS, lambda i: salon_photo_add(actor=owner, business=salon, upload=uploads[i])
    )

    assert result.unexpected(TooManyPhotos) == []
    assert len(result.values()) == 1
    assert len(result.raised(TooManyPhotos)) == ATTEMPTS - 1
    assert SalonPhoto.objects.filter(business=salon).count() == MAX_SALON_PHOTOS
    kept = result.values()[0].key
    files = {path.name for path in Path(default_storage.location).rglob("*.webp")}
    assert files == {f"{kept}-{width}.webp" for width in (320, 640, 1280)}
