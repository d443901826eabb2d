"""Object permissions of the locaties app, as `rules` predicates.

A board member (bestuur) or manager (beheerder) of an organisation changes only that
organisation's places and what belongs to them (rooms, tariffs, opening hours,
closures, photos, reservations). Every member may view them. A municipal official
views the places, organisations and figures of their own gemeente.

Officials read; they change nothing and never see renters' personal data. Adding a
place is asked of the organisation that will manage it (``locaties.add_locatie`` with
the Organisatie as object); adding a room, tariff, hour, closure or photo of the place
(``locaties.add_ruimte`` and so on, with the place as object).

Predicates return False for a missing object, so without an object the answer falls
through to Django's model permissions (which only the admin uses). Roles are written
down in docs/rollen.md.
"""

import rules

from . import events
from .constants import Rol
from .models import (
    Gemeente,
    Gemeentemedewerker,
    Lidmaatschap,
    Locatie,
    LocatieFoto,
    Openingstijd,
    Organisatie,
    Reservering,
    Ruimte,
    Sluiting,
    Tarief,
)

MANAGING_ROLES = (Rol.BESTUUR, Rol.BEHEERDER)


def _role_in(user, organisatie_id, roles=None) -> bool:
    if not user.is_authenticated or organisatie_id is None:
        return False
    memberships = Lidmaatschap.objects.filter(user=user, organisatie_id=organisatie_id)
    if roles is not None:
        memberships = memberships.filter(rol__in=roles)
    return memberships.exists()


def locatie_of(obj) -> Locatie | None:
    """The place an object belongs to: a place itself, or its room, tariff, hours, photo…"""
    if isinstance(obj, Locatie):
        return obj
    if isinstance(obj, (Ruimte, Openingstijd, Sluiting, LocatieFoto)):
        return obj.locatie
    if isinstance(obj, (Tarief, Reservering)):
        return obj.ruimte.locatie
    return None


def gemeente_id_of(obj) -> int | None:
    """The gemeente of an organisation, or of a place (its buurt's, else its manager's)."""
    if isinstance(obj, Gemeente):
        return obj.pk
    if isinstance(obj, Organisatie):
        return obj.gemeente_id
    locatie = locatie_of(obj)
    return None if locatie is None else events.gemeente_of(locatie)


@rules.predicate
def is_bestuur_of(user, organisatie) -> bool:
    """The user sits on the board of this organisation."""
    return isinstance(organisatie, Organisatie) and _role_in(user, organisatie.pk, [Rol.BESTUUR])


@rules.predicate
def is_member_of_organisatie(user, organisatie) -> bool:
    """The user has any role in this organisation."""
    return isinstance(organisatie, Organisatie) and _role_in(user, organisatie.pk)


@rules.predicate
def is_manager_of_organisatie(user, organisatie) -> bool:
    """The user is board member or manager of this organisation (may add its places)."""
    return isinstance(organisatie, Organisatie) and _role_in(user, organisatie.pk, MANAGING_ROLES)


@rules.predicate
def is_member_of_beheerder(user, obj) -> bool:
    """The user has any role in the organisation that manages the place of ``obj``."""
    locatie = locatie_of(obj)
    return locatie is not None and _role_in(user, locatie.beheerder_id)


@rules.predicate
def is_manager_of_locatie(user, obj) -> bool:
    """The user is board member or manager of the organisation managing the place of ``obj``."""
    locatie = locatie_of(obj)
    return locatie is not None and _role_in(user, locatie.beheerder_id, MANAGING_ROLES)


@rules.predicate
def is_official_of_gemeente(user, obj) -> bool:
    """The user is an official of the gemeente of ``obj`` (a gemeente, organisation or place)."""
    if not user.is_authenticated:
        return False
    gemeente_id = gemeente_id_of(obj)
    return gemeente_id is not None and Gemeentemedewerker.objects.filter(
        user=user, gemeente_id=gemeente_id
    ).exists()


@rules.predicate
def is_bestuur_of_lidmaatschap_organisatie(user, lidmaatschap) -> bool:
    """The user sits on the board of the organisation of this membership."""
    return isinstance(lidmaatschap, Lidmaatschap) and is_bestuur_of(user, lidmaatschap.organisatie)


@rules.predicate
def is_member_of_lidmaatschap_organisatie(user, lidmaatschap) -> bool:
    """The user is a member of the organisation of this membership."""
    return isinstance(lidmaatschap, Lidmaatschap) and is_member_of_organisatie(
        user, lidmaatschap.organisatie
    )


def _organisatie_of_leden(obj) -> Organisatie | None:
    if isinstance(obj, Organisatie):
        return obj
    return obj.organisatie if isinstance(obj, Lidmaatschap) else None


@rules.predicate
def manages_members_of(user, obj) -> bool:
    """The user is board member or manager of the organisation (or of the membership's)."""
    organisatie = _organisatie_of_leden(obj)
    return organisatie is not None and _role_in(user, organisatie.pk, MANAGING_ROLES)


@rules.predicate
def is_bestuur_of_leden(user, obj) -> bool:
    """The user sits on the board of the organisation (or of the membership's)."""
    organisatie = _organisatie_of_leden(obj)
    return organisatie is not None and _role_in(user, organisatie.pk, [Rol.BESTUUR])


@rules.predicate
def is_bestuur_of_beheerder(user, locatie) -> bool:
    """The user sits on the board of the organisation managing this place."""
    return isinstance(locatie, Locatie) and is_bestuur_of(user, locatie.beheerder)


@rules.predicate
def is_part_of_a_place(user, obj) -> bool:
    return obj is not None and not isinstance(obj, Locatie)


can_manage = is_manager_of_locatie
can_view = is_member_of_beheerder | is_official_of_gemeente


@rules.predicate
def is_a_gemeente_official(user) -> bool:
    """An official of any gemeente (they see non-public figures)."""
    return bool(user.is_authenticated and Gemeentemedewerker.objects.filter(user=user).exists())


@rules.predicate
def has_a_role(user) -> bool:
    """A role in an organisation or a gemeente: the account serves more than volunteering."""
    return bool(
        user.is_authenticated
        and (Lidmaatschap.objects.filter(user=user).exists() or Gemeentemedewerker.objects.filter(user=user).exists())
    )


rules.add_perm("locaties.view_gemeente", is_official_of_gemeente)
rules.add_perm("locaties.view_organisatie", is_member_of_organisatie | is_official_of_gemeente)
rules.add_perm("locaties.change_organisatie", is_bestuur_of)
# The workspace (/beheer/<organisation>/): every member works in it; what they may do
# there each page asks of its own object.
rules.add_perm("locaties.use_workspace", is_member_of_organisatie)
rules.add_perm("locaties.add_locatie", is_manager_of_organisatie)
rules.add_perm("locaties.view_lidmaatschap", is_member_of_lidmaatschap_organisatie)
rules.add_perm("locaties.add_lidmaatschap", is_bestuur_of)
rules.add_perm("locaties.change_lidmaatschap", is_bestuur_of_lidmaatschap_organisatie)
rules.add_perm("locaties.delete_lidmaatschap", is_bestuur_of_lidmaatschap_organisatie)
# The workspace's members page (/beheer/<organisation>/leden/): board and managers see
# the members, invite people and change or remove members. Giving or taking the board
# role, and touching a board member's membership, is for the board only.
rules.add_perm("locaties.manage_leden", manages_members_of)
rules.add_perm("locaties.manage_bestuur", is_bestuur_of_leden)

for model in ("locatie", "ruimte", "tarief", "openingstijd", "sluiting", "locatiefoto", "reservering"):
    # Reservations carry renters' names, e-mail and phone: only the place's own
    # organisation sees them, not the gemeente.
    rules.add_perm(f"locaties.view_{model}", is_member_of_beheerder if model == "reservering" else can_view)
    if model not in ("locatie", "reservering"):
        rules.add_perm(f"locaties.add_{model}", can_manage)  # the object is the place
    rules.add_perm(f"locaties.change_{model}", can_manage)
    # Removing a whole place is a board decision; rooms, hours and the rest managers
    # may remove too.
    rules.add_perm(f"locaties.delete_{model}", (is_part_of_a_place & can_manage) | is_bestuur_of_beheerder)
