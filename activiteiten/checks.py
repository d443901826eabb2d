"""System checks of the activiteiten app.

The school holidays check reads the database, so it runs where a database is named:
``manage.py check --database default`` and the daily ``extend_horizon``. ``migrate`` runs
the checks once, before it migrates, so it judges the holidays as they were before its
data migrations (and says nothing on a database that has no table yet).
"""

from datetime import timedelta

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError
from django.utils import timezone

from .selectors import schoolvakanties_bekend_tot

SCHOOLVAKANTIES_TAG = "schoolvakanties"


@register(Tags.database, SCHOOLVAKANTIES_TAG)
def check_schoolvakanties_cover_the_horizon(app_configs=None, databases=None, **kwargs):
    """Warn for every region whose known school holidays end before today plus the
    horizon (BIJEENKOMST_HORIZON_DAYS): past that day "not in the school holidays" skips
    nothing, and the occurrences there show as provisional."""
    if not databases:
        return []

    vandaag = timezone.localdate()
    nodig_tot = vandaag + timedelta(days=settings.BIJEENKOMST_HORIZON_DAYS)
    try:
        bekend = schoolvakanties_bekend_tot(vandaag=vandaag)
    except DatabaseError:
        # Not migrated yet. migrate checks only before migrating, so nothing warns now:
        # the next extend_horizon (daily) or check --database default does.
        return []
    warnings = []
    for regio, regio_bekend in sorted(bekend.items()):
        if regio_bekend.bekend_tot is not None and regio_bekend.bekend_tot >= nodig_tot:
            continue
        if regio_bekend.bekend_tot is None:
            known = "no school holidays are known"
        else:
            naam, schooljaar = regio_bekend.ontbreekt
            known = (f"school holidays are known up to {regio_bekend.bekend_tot.isoformat()} "
                     f"({naam} {schooljaar} is missing)")
        warnings.append(Warning(
            f"Region {regio}: {known}, but occurrences are made up to "
            f"{nodig_tot.isoformat()} (BIJEENKOMST_HORIZON_DAYS={settings.BIJEENKOMST_HORIZON_DAYS}).",
            hint="Add the dates from rijksoverheid.nl/onderwerpen/schoolvakanties in the admin "
                 "(School holidays) or to activiteiten/data/schoolvakanties.csv with a migration.",
            obj=f"schoolvakanties.{regio}",
            id="activiteiten.W001",
        ))
    return warnings
