"""``manage.py restore_db FILE [--into NAME] [--replace]``: a ``backup_db`` file back."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ontmoeting.backup import database_restore


class Command(BaseCommand):
    help = (
        "Restore a backup_db file into a new database (default: the configured one, which must "
        "not exist unless --replace). Stop the site and the worker before --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by backup_db (pg_dump -Fc).")
        parser.add_argument("--into", help="The database to create (default: the configured one).")
        parser.add_argument(
            "--replace", action="store_true",
            help="Replace an existing database, once the restore into a new one succeeded.",
        )

    def handle(self, *args, file, into=None, replace=False, **options):
        """Restore ``file``; a failed restore leaves every database as it was."""
        into = into or settings.DATABASES["default"]["NAME"]
        try:
            database_restore(path=Path(file), into=into, replace=replace)
        except (FileNotFoundError, FileExistsError, RuntimeError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {file} into the database {into}.")
