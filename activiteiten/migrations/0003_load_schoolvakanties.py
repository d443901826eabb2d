"""Load the school holidays the project keeps (activiteiten/data/schoolvakanties.csv)."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "schoolvakanties.csv"


def load(apps, schema_editor):
    """Create or update one row per (regio, schooljaar, naam); safe to run again."""
    Schoolvakantie = apps.get_model("activiteiten", "Schoolvakantie")
    with CSV_PATH.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                van = date.fromisoformat(row["van"])
                tot = date.fromisoformat(row["tot"])
            except (KeyError, ValueError) as error:
                raise ValueError(f"{CSV_PATH.name}, line {line}: {error}") from error
            if tot < van:
                raise ValueError(f"{CSV_PATH.name}, line {line}, field tot: before van")
            Schoolvakantie.objects.update_or_create(
                regio=row["regio"], schooljaar=row["schooljaar"], naam=row["naam"],
                defaults={"van": van, "tot": tot},
            )


class Migration(migrations.Migration):

    dependencies = [
        ("activiteiten", "0002_bijeenkomst_ruimte_afwijkend_rrule_validator"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
