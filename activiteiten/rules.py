"""Object permissions of the activiteiten app, as `rules` predicates.

Every member of the organiser (bestuur, beheerder, coördinator) runs its activities
and their occurrences: adds and changes them, cancels and moves occurrences, records
attendance, and sees who registered. An official of the gemeente sees the activities
(for the figures), not the registrants. Adding an activity is asked of the organiser
(``activiteiten.add_activiteit`` with the Organisatie as object). Roles are written
down in docs/rollen.md.
"""

import rules

from locaties.models import Organisatie
from locaties.rules import is_member_of_organisatie, is_official_of_gemeente

from .models import Aanmelding, Activiteit, Bijeenkomst


def organisator_of(obj) -> Organisatie | None:
    """The organiser an object belongs to: of an activity, its occurrence or a registration."""
    if isinstance(obj, Aanmelding):
        obj = obj.bijeenkomst
    if isinstance(obj, Bijeenkomst):
        obj = obj.activiteit
    return obj.organisator if isinstance(obj, Activiteit) else None


@rules.predicate
def is_member_of_organisator(user, obj) -> bool:
    """The user has any role in the organiser of ``obj`` (an activity, occurrence or registration)."""
    organisator = organisator_of(obj)
    return organisator is not None and is_member_of_organisatie(user, organisator)


@rules.predicate
def is_official_of_activiteit_gemeente(user, obj) -> bool:
    """The user is an official of the gemeente of the place where ``obj`` happens."""
    activiteit = obj.activiteit if isinstance(obj, Bijeenkomst) else obj
    return isinstance(activiteit, Activiteit) and is_official_of_gemeente(user, activiteit.locatie)


rules.add_perm("activiteiten.add_activiteit", is_member_of_organisatie)  # the object is the organiser
for model in ("activiteit", "bijeenkomst"):
    rules.add_perm(f"activiteiten.view_{model}", is_member_of_organisator | is_official_of_activiteit_gemeente)
    rules.add_perm(f"activiteiten.change_{model}", is_member_of_organisator)
rules.add_perm("activiteiten.delete_activiteit", is_member_of_organisator)
rules.add_perm("activiteiten.view_aanmelding", is_member_of_organisator)
rules.add_perm("activiteiten.change_aanmelding", is_member_of_organisator)
