"""Finding the one volunteer a privacy command is about."""

from django.core.management.base import CommandError

from vrijwilligers.models import Vrijwilliger


def vrijwilliger_by_reference(reference: str) -> Vrijwilliger:
    """The volunteer with this number or e-mail address; an error that says what to give
    when none or several match (an address may be shared, a number never)."""
    reference = reference.strip()
    if reference.isdigit():
        found = list(Vrijwilliger.objects.filter(pk=int(reference)))
    else:
        found = list(Vrijwilliger.objects.filter(email__iexact=reference, gewist_op__isnull=True).order_by("pk"))
    if not found:
        raise CommandError(f"No volunteer with number or e-mail address {reference!r}.")
    if len(found) > 1:
        numbers = ", ".join(str(v.pk) for v in found)
        raise CommandError(f"Several volunteers have {reference!r}: give one of the numbers {numbers}.")
    return found[0]
