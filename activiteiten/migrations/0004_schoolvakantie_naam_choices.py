"""The names of school holidays become choices (the five the Rijksoverheid publishes), and
a broken rule says what is wrong in words."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('activiteiten', '0003_load_schoolvakanties'),
    ]

    operations = [
        migrations.AlterField(
            model_name='schoolvakantie',
            name='naam',
            field=models.CharField(choices=[('herfstvakantie', 'Autumn holiday'), ('kerstvakantie', 'Christmas holiday'), ('voorjaarsvakantie', 'Spring holiday'), ('meivakantie', 'May holiday'), ('zomervakantie', 'Summer holiday')], max_length=50, verbose_name='name'),
        ),
        migrations.AlterConstraint(
            model_name='schoolvakantie',
            name='schoolvakantie_unique',
            constraint=models.UniqueConstraint(fields=('regio', 'schooljaar', 'naam'), name='schoolvakantie_unique', violation_error_message='This holiday of this region and school year already exists.'),
        ),
        migrations.AlterConstraint(
            model_name='schoolvakantie',
            name='schoolvakantie_end_after_start',
            constraint=models.CheckConstraint(condition=models.Q(('tot__gte', models.F('van'))), name='schoolvakantie_end_after_start', violation_error_message='The last day cannot be before the first day.'),
        ),
    ]
