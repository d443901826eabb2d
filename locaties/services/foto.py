"""Photos of places: verified, resized and stripped of EXIF/GPS before they are stored."""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ..models import (
    Locatie,
    LocatieFoto,
)

FOTO_MAX_PIXELS = 20_000_000
FOTO_MAX_SIDE = 1600
FOTO_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}


def _open_verified_image(bestand) -> Image.Image:
    try:
        bestand.seek(0)
        with Image.open(bestand) as probe:
            # The header tells the size before any pixel is decoded: a decompression
            # bomb is refused without spending the memory.
            width, height = probe.size
            image_format = probe.format
            if width * height > FOTO_MAX_PIXELS:
                raise ValidationError(
                    _("This photo is too large (%(mp)d megapixels). Please upload at most %(max)d megapixels.")
                    % {"mp": round(width * height / 1_000_000), "max": FOTO_MAX_PIXELS // 1_000_000},
                    code="foto_too_large",
                )
            probe.verify()
        if image_format not in FOTO_FORMATS:
            raise ValidationError(
                _("Please upload a JPEG, PNG, WebP or GIF photo."), code="foto_format"
            )
        bestand.seek(0)
        image = Image.open(bestand)
        image.load()
        return image
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a photo we can read. Please upload a JPEG, PNG or WebP image."),
            code="foto_invalid",
        ) from None


def locatiefoto_process(*, bestand) -> ContentFile:
    """A web-ready copy of an uploaded photo: verified, at most 1600 px, JPEG without metadata.

    Re-encoding drops EXIF, including the GPS position phones write into photos, which
    could reveal where someone lives. The orientation EXIF carried is applied to the
    pixels first, so the photo still stands upright. Raises ValidationError for files
    that are not images or are too large to decode safely.
    """
    image = _open_verified_image(bestand)
    image = ImageOps.exif_transpose(image)
    image.thumbnail((FOTO_MAX_SIDE, FOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        # JPEG has no transparency: put transparent parts on white, not black.
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    elif image.mode != "RGB":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    # No exif= and no icc_profile= argument: Pillow writes no metadata at all.
    image.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex[:16]}.jpg")


@transaction.atomic
def locatiefoto_create(*, locatie: Locatie, bestand, alt_tekst: str, volgorde: int = 0) -> LocatieFoto:
    """Store a photo of a place with its text alternative (required); see locatiefoto_process."""
    alt_tekst = (alt_tekst or "").strip()
    if not alt_tekst:
        raise ValidationError(
            {"alt_tekst": _("Describe what the photo shows, for people who cannot see it.")}
        )
    schoon = locatiefoto_process(bestand=bestand)
    foto = LocatieFoto(locatie=locatie, alt_tekst=alt_tekst, volgorde=volgorde)
    foto.afbeelding.save(f"{locatie.slug}-{schoon.name}", schoon, save=False)
    try:
        foto.full_clean()
        foto.save()
    except Exception:
        # The file is already in storage; do not leave it orphaned.
        foto.afbeelding.delete(save=False)
        raise
    return foto


@transaction.atomic
def locatiefoto_update(*, foto: LocatieFoto, alt_tekst: str, volgorde: int) -> LocatieFoto:
    """Change a photo's text alternative (required) and its place in the order."""
    foto.alt_tekst = (alt_tekst or "").strip()
    foto.volgorde = volgorde
    foto.full_clean()
    foto.save(update_fields=["alt_tekst", "volgorde"])
    return foto


@transaction.atomic
def locatiefoto_delete(*, foto: LocatieFoto) -> None:
    """Remove a photo; its file leaves the storage once the removal is committed."""
    afbeelding = foto.afbeelding
    foto.delete()
    transaction.on_commit(lambda: afbeelding.delete(save=False))
