"""Object permissions of the activiteiten app, as `rules` predicates.

Every member of the organiser (bestuur, beheerder, coördinator) runs its activities
and their occurrences: adds and changes them, cancels and moves occurrences, records
attendance, and sees who registered. An official of the gemeente sees the activities
(for the figures), not the registrants.

A buurt's wishes are answered (approved or rejected after moderation, "opgepakt" or
"niet haalbaar") by the officials of the buurt's gemeente and by the boards and
managers of the published places in the buurt or within 400 m of it
(``activiteiten.answer_wens``). Adding an activity is asked of the organiser
(``activiteiten.add_activiteit`` with the Organisatie as object). Roles are written
down in docs/rollen.md.
"""

import rules

from locaties.models import Lidmaatschap, Organisatie
from locaties.rules import MANAGING_ROLES, is_member_of_organisatie, is_official_of_gemeente
from locaties.selectors import locatie_list_in_and_near_buurt

from .models import Aanmelding, Activiteit, Bijeenkomst, Wens


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


@rules.predicate
def is_official_of_wens_gemeente(user, wens) -> bool:
    """The user is an official of the gemeente of the wish's buurt."""
    return isinstance(wens, Wens) and is_official_of_gemeente(user, wens.buurt.gemeente)


@rules.predicate
def is_manager_of_a_place_near_wens(user, wens) -> bool:
    """The user is board member or manager of an organisation that runs a published place
    in the wish's buurt or within 400 m of it."""
    if not isinstance(wens, Wens) or not user.is_authenticated:
        return False
    beheerders = {locatie.beheerder_id for locatie in locatie_list_in_and_near_buurt(buurt=wens.buurt, velden=["beheerder"])}
    return Lidmaatschap.objects.filter(user=user, organisatie_id__in=beheerders, rol__in=MANAGING_ROLES).exists()


rules.add_perm("activiteiten.add_activiteit", is_member_of_organisatie)  # the object is the organiser
for model in ("activiteit", "bijeenkomst"):
    rules.add_perm(f"activiteiten.view_{model}", is_member_of_organisator | is_official_of_activiteit_gemeente)
    rules.add_perm(f"activiteiten.change_{model}", is_member_of_organisator)
rules.add_perm("activiteiten.delete_activiteit", is_member_of_organisator)
rules.add_perm("activiteiten.view_aanmelding", is_member_of_organisator)
rules.add_perm("activiteiten.change_aanmelding", is_member_of_organisator)
rules.add_perm("activiteiten.answer_wens", is_official_of_wens_gemeente | is_manager_of_a_place_near_wens)
