"""A gemeente's own coverage thresholds (the defaults are in settings)."""

from __future__ import annotations

from django.db import transaction

from locaties.models import Gemeente

from ..models import Drempelwaarden


@transaction.atomic
def drempelwaarden_set(*, gemeente: Gemeente, min_aandeel_65plus_400, min_locaties_per_10000, min_jongeren_800):
    """Set the gemeente's own thresholds (creates its row the first time)."""
    drempels = Drempelwaarden.objects.select_for_update().filter(gemeente=gemeente).first() or Drempelwaarden(
        gemeente=gemeente
    )
    drempels.min_aandeel_65plus_400 = min_aandeel_65plus_400
    drempels.min_locaties_per_10000 = min_locaties_per_10000
    drempels.min_jongeren_800 = min_jongeren_800
    drempels.full_clean()
    drempels.save()
    return drempels
