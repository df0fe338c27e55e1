"""A salon's photos and its team's portraits: uploaded in the back office by owners and
managers, checked, turned upright, cropped, saved as WebP at the widths pages use with no
metadata of the original (GPS position), served with long caching, shown with width, height
and lazy loading, and their files deleted once nobody uses them."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import override
from PIL import Image

from creneau.catalog.models import SalonPhoto
from creneau.catalog.permissions import NotAllowed, NotFound
from creneau.catalog.photos import (
    SALON,
    STAFF,
    PhotoRejected,
    salon_photo_add,
    salon_photo_first,
    salon_photo_remove,
    staff_photo_set,
)

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg(width: int = 1200, height: int = 900, *, rotated: bool = False) -> bytes:
    """A photo as a phone makes it: EXIF with a GPS position and the camera, maybe rotated."""
    image = Image.new("RGB", (width, height), (200, 120, 90))
    # The left half marked, to see the crop and the rotation in the result.
    image.paste((20, 40, 200), (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
    if rotated:
        exif[ORIENTATION] = 6  # shown turned 90° clockwise
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def stored(key: str, shape=SALON) -> dict[int, Image.Image]:
    images = {}
    for width in shape.widths:
        with default_storage.open(f"photos/{shape.kind}/{key}-{width}.webp", "rb") as handle:
            images[width] = Image.open(BytesIO(handle.read()))
            images[width].load()
    return images


def test_an_upload_is_saved_at_each_width_without_its_gps_position(salon, owner):
    original = Image.open(BytesIO(jpeg()))
    assert original.getexif().get_ifd(GPS_IFD)  # the upload does hold a position

    photo = salon_photo_add(actor=owner, business=salon, upload=jpeg(), alt="Le bac à shampoing")

    images = stored(photo.key)
    assert {w: im.size for w, im in images.items()} == {
        320: (320, 240),
        640: (640, 480),
        1280: (1280, 960),
    }
    for image in images.values():
        assert image.format == "WEBP"
        assert not image.getexif()
        assert "exif" not in image.info and "xmp" not in image.info
        assert "icc_profile" not in image.info
    assert photo.alt == "Le bac à shampoing"


def test_a_sideways_phone_photo_is_turned_upright(salon, owner):
    photo = salon_photo_add(actor=owner, business=salon, upload=jpeg(rotated=True))
    image = stored(photo.key)[640].convert("RGB")
    # Turned 90° clockwise, the marked left half becomes the top half.
    top, bottom = image.getpixel((320, 60)), image.getpixel((320, 420))
    assert top[2] > 150 and bottom[0] > 150


@pytest.mark.parametrize(
    ("upload", "says"),
    [
        (b"%PDF-1.4 not a picture", "not a photo we can use"),
        (b"GIF89a" + b"\x00" * 100, "not a photo we can use"),
        ("small", "too small"),
    ],
)
def test_what_is_not_a_usable_photo_is_refused_and_nothing_is_stored(salon, owner, upload, says):
    data = jpeg(400, 300) if upload == "small" else upload
    with override("en"), pytest.raises(PhotoRejected) as refused:
        salon_photo_add(actor=owner, business=salon, upload=data)
    with override("en"):
        assert says in str(refused.value.message)
    assert not SalonPhoto.objects.exists()
    root = Path(default_storage.location)
    assert not root.exists() or not any(root.rglob("*.webp"))


def test_staff_cannot_change_photos_and_another_salons_photo_is_not_found(
    salon, owner, staff_user, other_salon, other_owner
):
    with pytest.raises(NotAllowed):
        salon_photo_add(actor=staff_user, business=salon, upload=jpeg())
    theirs = salon_photo_add(actor=other_owner, business=other_salon, upload=jpeg())
    with pytest.raises(NotFound):
        salon_photo_remove(actor=owner, business=salon, pk=theirs.pk)
    with pytest.raises(NotFound):
        salon_photo_first(actor=owner, business=salon, pk=theirs.pk)
    assert SalonPhoto.objects.filter(pk=theirs.pk).exists()


def test_files_are_deleted_once_no_salon_uses_them(
    salon, owner, other_salon, other_owner, django_capture_on_commit_callbacks
):
    mine = salon_photo_add(actor=owner, business=salon, upload=jpeg())
    theirs = salon_photo_add(actor=other_owner, business=other_salon, upload=jpeg())
    assert mine.key == theirs.key  # the same picture is one set of files
    path = f"photos/salons/{mine.key}-640.webp"
    with django_capture_on_commit_callbacks(execute=True):
        salon_photo_remove(actor=owner, business=salon, pk=mine.pk)
    assert default_storage.exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        salon_photo_remove(actor=other_owner, business=other_salon, pk=theirs.pk)
    assert not default_storage.exists(path)


def test_a_portrait_needs_the_persons_agreement_and_is_square(salon, owner):
    member = salon.test_staff[1]
    with pytest.raises(PhotoRejected):
        staff_photo_set(actor=owner, business=salon, pk=member.pk, upload=jpeg(), consented=False)
    member = staff_photo_set(
        actor=owner, business=salon, pk=member.pk, upload=jpeg(), consented=True
    )
    assert {w: im.size for w, im in stored(member.photo_key, STAFF).items()} == {
        96: (96, 96),
        192: (192, 192),
    }


def test_photos_are_served_for_a_year_and_names_we_never_make_are_not_found(client, salon, owner):
    photo = salon_photo_add(actor=owner, business=salon, upload=jpeg())
    response = client.get(
        reverse("web:photo", kwargs={"kind": "salons", "name": f"{photo.key}-640.webp"})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    for kind, name in [
        ("salons", f"{photo.key}-641.webp"),
        ("staff", f"{photo.key}-640.webp"),
        ("other", f"{photo.key}-640.webp"),
        ("salons", "..%2F..%2Fsettings.py"),
        ("salons", f"{'0' * 32}-640.webp"),
    ]:
        assert client.get(f"/photos/{kind}/{name}").status_code == 404


def test_the_salon_page_shows_the_photos_with_their_size_and_lazy_loading(client, salon, owner):
    salon_photo_add(actor=owner, business=salon, upload=jpeg(), alt="L'accueil")
    salon_photo_add(actor=owner, business=salon, upload=jpeg(1600, 1200), alt="Les bacs")
    member = salon.test_staff[1]
    staff_photo_set(actor=owner, business=salon, pk=member.pk, upload=jpeg(), consented=True)
    html = client.get(reverse("web:business_detail", args=[salon.city_slug, salon.slug])).content
    page = html.decode()
    assert 'alt="L&#x27;accueil"' in page and 'alt="Les bacs"' in page
    assert 'width="640" height="480"' in page and 'fetchpriority="high"' in page
    assert 'width="320" height="240"' in page and 'loading="lazy"' in page
    assert " 1280w" in page
    assert 'class="avatar avatar-48"' in page and "-192.webp" in page


def test_a_manager_uploads_in_the_back_office_and_staff_cannot(salon, manager, staff_user, login):
    url = reverse("backoffice:photos", kwargs={"salon": salon.slug})
    upload = BytesIO(jpeg())
    upload.name = "salon.jpg"
    response = login(manager).post(url, {"action": "add", "photo": upload, "alt": "Vitrine"})
    assert response.status_code == 302
    assert SalonPhoto.objects.filter(business=salon, alt="Vitrine").count() == 1

    bad = BytesIO(b"not an image")
    bad.name = "notes.jpg"
    response = login(manager).post(url, {"action": "add", "photo": bad})
    assert response.status_code == 400
    assert "not a photo we can use" in response.content.decode()
    assert SalonPhoto.objects.count() == 1

    assert login(staff_user).get(url).status_code == 403


def test_a_results_card_shows_the_salons_first_photo(client, salon, owner):
    first = salon_photo_add(actor=owner, business=salon, upload=jpeg())
    second = salon_photo_add(actor=owner, business=salon, upload=jpeg(1600, 1200))
    salon_photo_first(actor=owner, business=salon, pk=second.pk)
    page = client.get(reverse("web:city", args=[salon.city_slug])).content.decode()
    assert 'class="result-photo"' in page
    assert f"{second.key}-320.webp" in page and f"{first.key}-320.webp" not in page
    assert 'width="320" height="240"' in page and 'loading="lazy"' in page
