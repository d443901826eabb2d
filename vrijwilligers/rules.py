"""Object permissions of the vrijwilligers app, as `rules` predicates.

Volunteer data are visible only to the coordinators and board members of the
organisations the volunteer works for, and to the volunteer themself. Shifts are
planned by the coordinators, board members and managers of the place's organisation.
"""

import rules

from locaties.constants import Rol
from locaties.models import Lidmaatschap, Locatie, Organisatie

from .models import Dienst, Inzet, Vacature, Vrijwilliger

VOLUNTEER_ROLES = (Rol.COORDINATOR, Rol.BESTUUR)
ROSTER_ROLES = (Rol.COORDINATOR, Rol.BESTUUR, Rol.BEHEERDER)


def _has_role(user, organisatie_ids, roles) -> bool:
    if not user.is_authenticated:
        return False
    return Lidmaatschap.objects.filter(
        user=user, organisatie_id__in=organisatie_ids, rol__in=roles
    ).exists()


@rules.predicate
def is_coordinator_of_vrijwilliger(user, vrijwilliger) -> bool:
    """Coordinator or board member of an organisation the volunteer works for."""
    if not isinstance(vrijwilliger, Vrijwilliger):
        return False
    return _has_role(user, vrijwilliger.organisaties.values("pk"), VOLUNTEER_ROLES)


@rules.predicate
def is_vrijwilliger_self(user, vrijwilliger) -> bool:
    """The volunteer looking at their own data."""
    return (
        isinstance(vrijwilliger, Vrijwilliger)
        and user.is_authenticated
        and vrijwilliger.user_id == user.pk
    )


@rules.predicate
def plans_dienst(user, obj) -> bool:
    """Plans the shifts of the place: coordinator, board member or manager of its organisation."""
    dienst = obj.dienst if isinstance(obj, Inzet) else obj
    if not isinstance(dienst, Dienst):
        return False
    return _has_role(user, [dienst.locatie.beheerder_id], ROSTER_ROLES)


@rules.predicate
def is_own_inzet(user, inzet) -> bool:
    return isinstance(inzet, Inzet) and is_vrijwilliger_self(user, inzet.vrijwilliger)


@rules.predicate
def manages_vacature(user, vacature) -> bool:
    """Coordinator or board member of the organisation offering the vacancy."""
    return isinstance(vacature, Vacature) and _has_role(user, [vacature.organisatie_id], VOLUNTEER_ROLES)


@rules.predicate
def plans_at_locatie(user, locatie) -> bool:
    """Plans the shifts of this place: coordinator, board member or manager of the
    organisation that runs it."""
    return isinstance(locatie, Locatie) and _has_role(user, [locatie.beheerder_id], ROSTER_ROLES)


@rules.predicate
def assigns_to_dienst(user, dienst) -> bool:
    """Puts the organisation's volunteers on a shift: chooses among their names and
    availability, so coordinator or board member only (a manager sees the roster but not
    the volunteers' data)."""
    return isinstance(dienst, Dienst) and _has_role(user, [dienst.locatie.beheerder_id], VOLUNTEER_ROLES)


@rules.predicate
def offers_vacatures(user, organisatie) -> bool:
    """Coordinator or board member of the organisation: offers its vacancies and sees the
    list of its volunteers."""
    return isinstance(organisatie, Organisatie) and _has_role(user, [organisatie.pk], VOLUNTEER_ROLES)


rules.add_perm("vrijwilligers.view_vrijwilliger", is_coordinator_of_vrijwilliger | is_vrijwilliger_self)
rules.add_perm("vrijwilligers.change_vrijwilliger", is_coordinator_of_vrijwilliger | is_vrijwilliger_self)
rules.add_perm("vrijwilligers.delete_vrijwilliger", is_coordinator_of_vrijwilliger | is_vrijwilliger_self)
@rules.predicate
def registers_hours_at_locatie(user, locatie) -> bool:
    """Confirms hours and writes down walk-ins at the place: chooses among the
    volunteers' names, so coordinator or board member of its organisation."""
    return isinstance(locatie, Locatie) and _has_role(user, [locatie.beheerder_id], VOLUNTEER_ROLES)


@rules.predicate
def confirms_hours_of(user, inzet) -> bool:
    """Confirms the hours of an assignment: coordinator or board member of the place's organisation."""
    return isinstance(inzet, Inzet) and _has_role(user, [inzet.dienst.locatie.beheerder_id], VOLUNTEER_ROLES)


rules.add_perm("vrijwilligers.add_dienst", plans_at_locatie)
rules.add_perm("vrijwilligers.add_losseinzet", registers_hours_at_locatie)
rules.add_perm("vrijwilligers.confirm_inzet", confirms_hours_of)
rules.add_perm("vrijwilligers.add_inzet", assigns_to_dienst)
rules.add_perm("vrijwilligers.add_vacature", offers_vacatures)
rules.add_perm("vrijwilligers.list_vrijwilliger", offers_vacatures)
rules.add_perm("vrijwilligers.view_dienst", plans_dienst)
rules.add_perm("vrijwilligers.change_dienst", plans_dienst)
rules.add_perm("vrijwilligers.delete_dienst", plans_dienst)
rules.add_perm("vrijwilligers.view_inzet", plans_dienst | is_own_inzet)
rules.add_perm("vrijwilligers.change_inzet", plans_dienst | is_own_inzet)
rules.add_perm("vrijwilligers.change_vacature", manages_vacature)
rules.add_perm("vrijwilligers.delete_vacature", manages_vacature)
