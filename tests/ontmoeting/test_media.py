"""Uploaded photos are served from MEDIA_ROOT, with DEBUG off as in production."""

import io

import pytest
from django.utils.http import http_date
from PIL import Image


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "locaties").mkdir(parents=True)
    (tmp_path / "secret.jpg").write_bytes(b"outside MEDIA_ROOT")
    return settings.MEDIA_ROOT


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "orange").save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_photo_is_served_with_caching_headers(client, media_root):
    photo = _jpeg()
    (media_root / "locaties" / "buurthuis.jpg").write_bytes(photo)

    response = client.get("/media/locaties/buurthuis.jpg")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == photo
    assert response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    assert response["Last-Modified"]


def test_an_unchanged_photo_answers_304(client, media_root):
    path = media_root / "locaties" / "buurthuis.jpg"
    path.write_bytes(_jpeg())

    response = client.get("/media/locaties/buurthuis.jpg", HTTP_IF_MODIFIED_SINCE=http_date(path.stat().st_mtime + 1))

    assert response.status_code == 304


@pytest.mark.parametrize("path", [
    "/media/locaties/ontbreekt.jpg",  # missing
    "/media/locaties/",  # a directory
    "/media/../secret.jpg", "/media/locaties/../../secret.jpg", "/media/%2e%2e/secret.jpg",  # outside MEDIA_ROOT
    "/media/locaties/pagina.html", "/media/locaties/plaatje.svg",  # could carry script
])
def test_anything_but_a_photo_in_media_root_is_a_404(client, media_root, path):
    (media_root / "locaties" / "pagina.html").write_text("<script>alert(1)</script>")
    (media_root / "locaties" / "plaatje.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>")

    response = client.get(path)

    assert response.status_code == 404
    assert b"outside MEDIA_ROOT" not in response.content and b"<script" not in response.content
