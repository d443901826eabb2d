"""manage.py token_create <email> --naam ... --dagen 90: make an API token for a user."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from core.tokens import api_token_create


class Command(BaseCommand):
    help = (
        "Make an API token for a user (found by e-mail address or user name) and print its "
        "key, which is shown only this once. Users make and revoke their own on /account/tokens."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the user's e-mail address (or user name)")
        parser.add_argument("--naam", required=True, help="what the token is for, e.g. 'koppeling gemeente'")
        parser.add_argument(
            "--dagen", type=int, default=settings.API_TOKEN_DEFAULT_DAYS,
            help=f"days until it expires (default {settings.API_TOKEN_DEFAULT_DAYS}, at most {settings.API_TOKEN_MAX_DAYS})",
        )

    def handle(self, *args, email, naam, dagen, **options):
        """Print only the key on stdout, so a script can take it: `TOKEN=$(manage.py token_create ...)`."""
        users = list(get_user_model()._default_manager.filter(Q(username__iexact=email) | Q(email__iexact=email))[:2])
        if len(users) != 1:
            raise CommandError(f"token_create: {'no' if not users else 'more than one'} user with the address {email!r}")
        try:
            new = api_token_create(user=users[0], naam=naam, dagen=dagen)
        except ValidationError as error:
            raise CommandError("token_create: " + "; ".join(error.messages)) from None
        self.stdout.write(new.key)
        self.stderr.write(
            f"Token {new.token.naam!r} for {users[0].get_username()}, valid until "
            f"{timezone.localtime(new.token.verloopt_op):%Y-%m-%d %H:%M}. The key is shown only now."
        )
