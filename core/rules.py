"""Who an account is, as `rules` predicates, where no domain app owns the answer.

Platform staff run the platform and open the Django admin (``is_staff``); the flag
grants no right in any domain app, and no domain rule asks this predicate for one. Two
rules about accounts do: staff log in with a second factor, and erasing a volunteer
never deletes a staff account. Both ask ``is_platform_staff`` rather than the flag.
"""

import rules


@rules.predicate
def is_platform_staff(user) -> bool:
    """Staff or superuser: someone who opens the Django admin."""
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))
