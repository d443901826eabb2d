"""Forms of logging in, two-factor authentication and the account page."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form with the e-mail address as the user name, in plain words."""

    username = forms.CharField(
        label=_("E-mail address"), max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is not right. Check both and try again."),
        "inactive": _("This account is switched off. Ask the person who made it for you."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets autofocus; a page should not move focus on its own.
        self.fields["username"].widget.attrs.pop("autofocus", None)


class TotpCodeForm(forms.Form):
    """The six digits the authenticator app shows now."""

    code = forms.CharField(
        label=_("Code from your authenticator app"), max_length=10,
        help_text=_("6 digits. The code changes every 30 seconds."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Type the 6 digits that your app shows."))
        return code


def _dagen_choices():
    options = sorted({30, settings.API_TOKEN_DEFAULT_DAYS, 180, settings.API_TOKEN_MAX_DAYS})
    return [(d, _("%(days)d days") % {"days": d}) for d in options if d <= settings.API_TOKEN_MAX_DAYS]


class ApiTokenForm(forms.Form):
    """Name a new API token and choose how long it stays valid."""

    naam = forms.CharField(
        label=_("Name of the token"), max_length=100,
        help_text=_("So you know later what it is for. For example: koppeling website buurthuis."),
    )
    dagen = forms.TypedChoiceField(label=_("Valid for"), coerce=int, choices=_dagen_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dagen"].initial = settings.API_TOKEN_DEFAULT_DAYS
