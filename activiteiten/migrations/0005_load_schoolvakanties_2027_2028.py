"""Load the school holidays again from activiteiten/data/schoolvakanties.csv, which now
holds 2027-2028 too (see activiteiten/data/README.md). The same loader as 0003: rows are
created or updated by (regio, schooljaar, naam), so running it again changes nothing.

Occurrences already made are brought in line by the next ``extend_horizon`` run (daily);
run it right after ``migrate`` to have that at once."""

from importlib import import_module

from django.db import migrations

load = import_module("activiteiten.migrations.0003_load_schoolvakanties").load


class Migration(migrations.Migration):

    dependencies = [
        ("activiteiten", "0004_schoolvakantie_naam_choices"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
