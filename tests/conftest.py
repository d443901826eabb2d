"""Shared fixtures."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Services and commands called directly from a test speak English, the source
    language of every message, so tests can match the msgid. Pages choose their language
    per request (Dutch unless the browser asks for English); tests of Dutch output say so
    with ``translation.override("nl")``."""
    with translation.override("en"):
        yield
