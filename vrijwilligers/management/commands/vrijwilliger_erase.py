"""``manage.py vrijwilliger_erase <number or e-mail>``: the right to erasure."""

from django.core.management.base import BaseCommand, CommandError

from vrijwilligers.services import vrijwilliger_erase

from ._vrijwilliger import vrijwilliger_by_reference


class Command(BaseCommand):
    """Erase a volunteer's personal data and every copy of it (``vrijwilliger_erase``),
    asked by the volunteer or by their coordinator. Asks for confirmation unless
    ``--no-input``: it cannot be undone."""

    help = "Erase one volunteer's personal data, with its copies in the admin history and task queue."

    def add_arguments(self, parser):
        parser.add_argument("vrijwilliger", help="the volunteer's number or e-mail address")
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, **options):
        vrijwilliger = vrijwilliger_by_reference(options["vrijwilliger"])
        if vrijwilliger.gewist_op is not None:
            raise CommandError(f"Volunteer {vrijwilliger.pk} was already erased on {vrijwilliger.gewist_op:%Y-%m-%d}.")
        if options["interactive"]:
            answer = input(f"Erase volunteer {vrijwilliger.pk} ({vrijwilliger.naam})? This cannot be undone. [y/N] ")
            if answer.strip().lower() not in {"y", "yes", "j", "ja"}:
                raise CommandError("Nothing erased.")
        vrijwilliger_erase(vrijwilliger=vrijwilliger)
        self.stdout.write(self.style.SUCCESS(f"Volunteer {vrijwilliger.pk} erased."))
