"""The Django admin for platform staff, scoped for those who are not superusers.

Being staff opens the admin and grants nothing else (docs/rollen.md). Inside it a
staff member needs Django's model permission for a model, as always, and on top of
that each row is asked of the same ``rules`` predicates as the rest of the platform:

- ``ScopedAdminMixin.get_queryset`` shows a non-superuser only what the model admin's
  ``scope_queryset`` returns (nothing, unless the app says otherwise);
- viewing, changing and deleting one row asks ``user.has_perm(perm, obj)``.

``ScopedAutocompleteJsonView`` lets a staff member who may add or change rows of a
model search the rows it refers to (an activity's Organisatie) without a model
permission on those: the search stays within the referred admin's scoped queryset.

This module imports no app; the apps' admins say what their scope is.
"""

from django.contrib import messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.db import transaction

from .permissions import sees_everything


class ScopedAdminMixin:
    """Mix into a ModelAdmin (before it): rows scoped to the user, rules per row."""

    def scope_queryset(self, request, queryset):
        """The rows a staff member who is no superuser may see: none, unless the model
        admin says which (by the same predicates its rules.py uses)."""
        return queryset.none()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if sees_everything(request.user) else self.scope_queryset(request, queryset)

    def _object_perm(self, request, action: str, obj) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}", obj)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed or sees_everything(request.user):
            return allowed
        return self._object_perm(request, "view", obj) or self._object_perm(request, "change", obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed or sees_everything(request.user):
            return allowed
        return self._object_perm(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed or sees_everything(request.user):
            return allowed
        return self._object_perm(request, "delete", obj)

    def save_related(self, request, form, formsets, change):
        if form.instance.pk is None:
            return  # the service refused the row (and the save is undone): nothing to hang on it
        super().save_related(request, form, formsets, change)

    def call_service(self, request, service, **kwargs):
        """Run a service from a save path. Its refusal undoes the whole save and is told
        as a message, instead of an error page (the form has checked the fields, the
        service checks the rules across rows)."""
        try:
            return service(**kwargs)
        except ValidationError as error:
            transaction.set_rollback(True)
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None


def take_over(obj, saved) -> None:
    """Make the admin's ``obj`` the row a service saved, so the admin's inlines, log
    entry and redirect use it (its pk, derived fields, timestamps)."""
    for model_field in type(saved)._meta.concrete_fields:
        setattr(obj, model_field.attname, getattr(saved, model_field.attname))
    obj._state.adding = False


class ScopedAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete, open to whoever may add or change the model that asks
    (not only to those with a view permission on the model searched); the rows found
    are still only those of the searched model's scoped queryset."""

    def has_perm(self, request, obj=None):
        if super().has_perm(request, obj):
            return True
        source_admin = self.admin_site._registry.get(self.source_field.model)
        return source_admin is not None and (
            source_admin.has_add_permission(request) or source_admin.has_change_permission(request)
        )
