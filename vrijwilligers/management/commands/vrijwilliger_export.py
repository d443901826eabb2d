"""``manage.py vrijwilliger_export <number or e-mail>``: everything kept about a volunteer."""

import json

from django.core.management.base import BaseCommand

from vrijwilligers.services import vrijwilliger_export

from ._vrijwilliger import vrijwilliger_by_reference


class Command(BaseCommand):
    """Print (or write to ``--output``) a volunteer's data as JSON: the right of access,
    asked by the volunteer or by their coordinator on their behalf (``vrijwilliger_export``)."""

    help = "Export everything kept about one volunteer as JSON."

    def add_arguments(self, parser):
        parser.add_argument("vrijwilliger", help="the volunteer's number or e-mail address")
        parser.add_argument("--output", "-o", help="write to this file instead of standard output")

    def handle(self, *args, **options):
        vrijwilliger = vrijwilliger_by_reference(options["vrijwilliger"])
        text = json.dumps(vrijwilliger_export(vrijwilliger=vrijwilliger), ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stderr.write(f"Written to {options['output']}.")
        else:
            self.stdout.write(text)
