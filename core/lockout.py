"""How django-axes names the account a login attempt is for."""


def username_of(request, credentials) -> str | None:
    """The address typed, lower-cased and trimmed: ``Bestuur@Demo.invalid `` and
    ``bestuur@demo.invalid`` are one account and share one count of failures."""
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = request.POST.get("username")
    return name.strip().lower() if isinstance(name, str) else name
