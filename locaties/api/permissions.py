"""Who may change what, for the API: the ``rules`` predicates of locaties.rules, plus
staff, who may do everything an organisation may."""

from rest_framework import permissions

from ..constants import Rol
from ..models import Lidmaatschap


def can(user, perm: str, obj) -> bool:
    """``user.has_perm(perm, obj)`` with staff allowed everything."""
    return bool(user.is_authenticated and (user.is_staff or user.has_perm(perm, obj)))


def manages_organisatie(user, organisatie) -> bool:
    """Board member or manager of ``organisatie`` (may add places to it), or staff."""
    if not user.is_authenticated:
        return False
    return user.is_staff or Lidmaatschap.objects.filter(
        user=user, organisatie=organisatie, rol__in=[Rol.BESTUUR, Rol.BEHEERDER]
    ).exists()


class ReadOrAuthenticated(permissions.BasePermission):
    """Anyone reads; writing needs a login unless the action says it is public."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if getattr(view, "action", None) in getattr(view, "public_actions", ()):
            return True
        return bool(request.user and request.user.is_authenticated)
