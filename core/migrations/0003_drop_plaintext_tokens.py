"""Drop the table of rest_framework.authtoken, whose keys were stored in plain text and
no longer authenticate anyone (core.authentication replaced it)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0002_apitoken")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
