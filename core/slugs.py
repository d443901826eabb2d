"""Readable, unique slugs for addresses (``/locaties/buurthuis-de-linde``)."""

from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(text: str, *, taken: QuerySet, fallback: str, max_length: int, field: str = "slug") -> str:
    """``text`` as a slug of at most ``max_length`` characters (``fallback`` when nothing
    of it is left), with ``-2``, ``-3``... appended when a row of ``taken`` (the rows it
    must differ from: all but the one being saved) has it already."""
    base = slugify(text)[:max_length].strip("-") or fallback
    used = set(taken.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    if base not in used:
        return base
    number = 2
    while f"{base}-{number}" in used:
        number += 1
    return f"{base}-{number}"
