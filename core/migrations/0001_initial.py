"""The shared counters' table, created UNLOGGED (which Django's CreateModel cannot say)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=[
                        "CREATE UNLOGGED TABLE core_counter ("
                        " key varchar(200) PRIMARY KEY,"
                        " count bigint NOT NULL,"
                        " expires double precision NOT NULL)",
                        "CREATE INDEX core_counter_expires_idx ON core_counter (expires)",
                    ],
                    reverse_sql=["DROP TABLE core_counter"],
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="Counter",
                    fields=[
                        ("key", models.CharField(max_length=200, primary_key=True, serialize=False)),
                        ("count", models.BigIntegerField()),
                        ("expires", models.FloatField(db_index=True)),
                    ],
                    options={"db_table": "core_counter"},
                ),
            ],
        ),
    ]
