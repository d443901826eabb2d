"""Log in with the e-mail address as the user name."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class EmailBackend(ModelBackend):
    """Django's ModelBackend, finding the user by e-mail address (in any case) or user
    name. An address that two accounts share logs neither in by address: which account
    was meant cannot be known."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        login = username.strip()
        candidates = list(User._default_manager.filter(Q(username__iexact=login) | Q(email__iexact=login))[:3])
        exact = [u for u in candidates if u.username.lower() == login.lower()]
        if exact:
            user = exact[0]
        elif len(candidates) == 1:
            user = candidates[0]
        else:
            # Hash anyway, so an unknown address takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with a request. A call of
    ``authenticate()`` without one comes from code, not from a person at a login form
    (the test client's ``login``, a script), and has no address to count: it is let
    through to the password check instead of being refused with an error."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
