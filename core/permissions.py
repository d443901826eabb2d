"""The one permission class of the API, and what views declare for it.

Every API view says, per action (or per HTTP method for a plain ``APIView``), who may
call it, in ``action_permissions``:

- ``PUBLIC``: anyone, logged in or not;
- ``AUTHENTICATED``: anyone logged in (the view's queryset decides what they see);
- a permission name such as ``"locaties.change_locatie"``: logged in, and
  ``user.has_perm(name, obj)`` for the object acted on. DRF's ``get_object`` checks it
  for detail actions; an action that creates something checks it on the parent (a
  place's organisation, say) with ``view.check_object_permissions(request, parent)``.

What the names mean is decided by the ``rules`` predicates of the domain apps, never
here: this module imports no app. ``is_staff`` plays no part: it only opens the admin.
An action nobody declared is refused (fail closed); the permission matrix test lists
such actions before they ship.
"""

from rest_framework.permissions import BasePermission

PUBLIC = "public"
AUTHENTICATED = "authenticated"

#: DRF's OPTIONS answer describes the view and acts on nothing; it checks the other
#: methods' permissions itself when it lists what the user may do.
IMPLICIT_PUBLIC_ACTIONS = ("metadata",)


def action_of(request, view) -> str:
    """The name a view's declaration uses for this request: the viewset action, or the
    lower-case HTTP method for a plain ``APIView``."""
    action = getattr(view, "action", None)
    return action if action else request.method.lower()


def declared_permission(view, action: str) -> str | None:
    """What ``view`` declares for ``action``, or None if it declares nothing."""
    if action in IMPLICIT_PUBLIC_ACTIONS:
        return PUBLIC
    declared = getattr(view, "action_permissions", {})
    if action == "head" and "head" not in declared:
        action = "get"  # HEAD is GET without the body, as Django answers it
    return declared.get(action)


def sees_everything(user) -> bool:
    """A superuser: Django gives them every permission (``has_perm`` is True for any
    object), so selectors scoped to a user give them every row too."""
    return bool(user.is_active and user.is_superuser)


def _answers(request, view) -> bool:
    """Whether the view has a handler for the request's method: a viewset one action
    mapped to it, a plain view a method of that name."""
    # Imported here: DRF loads this module (DEFAULT_PERMISSION_CLASSES) while it loads
    # its views, which the viewsets need.
    from rest_framework.viewsets import ViewSetMixin  # noqa: PLC0415 circular with DRF's APIView, see above

    method = request.method.lower()
    if method not in view.http_method_names:
        return False
    if isinstance(view, ViewSetMixin):
        return method == "options" or getattr(view, "action", None) is not None
    return hasattr(view, method)


class ActionPermission(BasePermission):
    """Checks the view's ``action_permissions`` for the request's action."""

    def has_permission(self, request, view):
        if not _answers(request, view):
            return True  # the view answers 405 itself (TRACE, say); there is nothing to protect
        declared = declared_permission(view, action_of(request, view))
        if declared is None:
            return False
        if declared == PUBLIC:
            return True
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj):
        declared = declared_permission(view, action_of(request, view))
        if declared in (PUBLIC, AUTHENTICATED):
            return True
        return declared is not None and request.user.has_perm(declared, obj)
