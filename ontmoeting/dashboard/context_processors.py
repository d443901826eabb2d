"""What every page's header needs from the dashboard: the gemeenten whose dashboard the
logged-in person sees as an official, so the header can link to them. Asked lazily: a
page that does not show the header, or a visitor without an account, costs no query."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from ..accounts import gemeente_list_for_official


def dashboard_gemeenten(request) -> dict:
    """``dashboard_gemeenten``: the user's gemeenten as an official (empty for anyone else)."""
    user = getattr(request, "user", None)

    def gemeenten():
        if user is None or not user.is_authenticated:
            return []
        return list(gemeente_list_for_official(user=user))

    return {"dashboard_gemeenten": SimpleLazyObject(gemeenten)}
