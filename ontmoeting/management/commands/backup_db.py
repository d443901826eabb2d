"""``manage.py backup_db [FILE]``: the whole database in one ``pg_dump -Fc`` file."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ontmoeting.backup import database_dump


class Command(BaseCommand):
    help = "Write the database to a pg_dump custom-format file (default var/backups/<name>-<time>.dump)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write the backup.")

    def handle(self, *args, file=None, **options):
        """Dump the default database; prints the file's path."""
        if file is None:
            name = settings.DATABASES["default"]["NAME"]
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            file = settings.BASE_DIR / "var" / "backups" / f"{name}-{stamp}.dump"
        try:
            path = database_dump(path=Path(file))
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {path} ({path.stat().st_size / 1024:.0f} KiB).")
