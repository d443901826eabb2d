"""Who works in an organisation: inviting someone by e-mail, accepting the invitation,
changing a member's role and removing a member.

An organisation always keeps at least one board member (bestuur): the last one can be
neither removed nor given another role. Every change of an organisation's members locks
the organisation's row first, so two board members removing each other at the same
moment cannot leave it without a board.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.links import absolute_url

from ..constants import Rol, UitnodigingStatus
from ..models import Lidmaatschap, Organisatie, Uitnodiging
from ..tokens import UITNODIGING_GELDIG, uitnodiging_token
from .locatie import lidmaatschap_create


@dataclass(frozen=True)
class Geaccepteerd:
    """What accepting an invitation did: the membership, and whether a new account was
    made (else the address had an account already, which keeps its own password)."""

    lidmaatschap: Lidmaatschap
    nieuw_account: bool


def _mail_after_commit(*, to: str, subject: str, body: str) -> None:
    # A rolled-back transaction must not have told anyone anything.
    transaction.on_commit(lambda: send_mail(subject, body, None, [to]))


def _lock(organisatie_id: int) -> Organisatie:
    """The organisation's row, locked until the transaction ends: every change of its
    members waits for the one before."""
    return Organisatie.objects.select_for_update().get(pk=organisatie_id)


def _naam(user) -> str:
    return user.get_full_name() or user.email or user.get_username()


def _account_for(email: str):
    """The account with this e-mail address (or this user name), if there is one."""
    return (
        get_user_model()._default_manager.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .order_by("pk").first()
    )


def _rol_label(rol: str) -> str:
    return str(Rol(rol).label).lower()


def _check_rol(rol: str) -> None:
    if rol not in Rol.values:
        raise ValidationError({"rol": _("Choose a role: board member, manager or coordinator.")})


def _locked_lidmaatschap(lidmaatschap: Lidmaatschap) -> tuple[Organisatie, Lidmaatschap]:
    organisatie = _lock(lidmaatschap.organisatie_id)
    locked = Lidmaatschap.objects.select_for_update().select_related("user").filter(pk=lidmaatschap.pk).first()
    if locked is None:
        raise ValidationError(_("This person is no longer a member."))
    return organisatie, locked


def _refuse_last_bestuur(organisatie: Organisatie, lidmaatschap: Lidmaatschap) -> None:
    others = Lidmaatschap.objects.filter(organisatie=organisatie, rol=Rol.BESTUUR).exclude(pk=lidmaatschap.pk)
    if lidmaatschap.rol == Rol.BESTUUR and not others.exists():
        raise ValidationError(
            _("%(naam)s is the last board member of %(organisatie)s. Make someone else a board member first.")
            % {"naam": _naam(lidmaatschap.user), "organisatie": organisatie.naam},
            code="laatste_bestuur",
        )


@transaction.atomic
def lidmaatschap_update_rol(*, lidmaatschap: Lidmaatschap, rol: str) -> Lidmaatschap:
    """Give a member another role. The last board member keeps the board role."""
    _check_rol(rol)
    organisatie, locked = _locked_lidmaatschap(lidmaatschap)
    if rol != Rol.BESTUUR:
        _refuse_last_bestuur(organisatie, locked)
    locked.rol = rol
    locked.full_clean()
    locked.save(update_fields=["rol"])
    return locked


@transaction.atomic
def lidmaatschap_delete(*, lidmaatschap: Lidmaatschap) -> None:
    """Remove a member from the organisation (their account stays). The last board
    member cannot be removed."""
    organisatie, locked = _locked_lidmaatschap(lidmaatschap)
    _refuse_last_bestuur(organisatie, locked)
    locked.delete()


def _mail_added(*, lidmaatschap: Lidmaatschap) -> None:
    organisatie = lidmaatschap.organisatie
    values = {"organisatie": organisatie.naam, "rol": _rol_label(lidmaatschap.rol)}
    _mail_after_commit(
        to=lidmaatschap.user.email,
        subject=_("You now work in %(organisatie)s") % values,
        body=_(
            "Hello,\n\nYou are now a member of %(organisatie)s, as %(rol)s.\n"
            "Log in with your e-mail address and your own password to open the workspace:\n%(link)s\n"
        ) % {**values, "link": absolute_url(f"/beheer/{organisatie.slug}/")},
    )


def _mail_invitation(*, uitnodiging: Uitnodiging) -> None:
    organisatie = uitnodiging.organisatie
    door = _naam(uitnodiging.uitgenodigd_door) if uitnodiging.uitgenodigd_door else organisatie.naam
    _mail_after_commit(
        to=uitnodiging.email,
        subject=_("Invitation to work in %(organisatie)s") % {"organisatie": organisatie.naam},
        body=_(
            "Hello,\n\n%(door)s invites you to work in %(organisatie)s, as %(rol)s.\n"
            "Open this link to choose a password; then you can log in:\n%(link)s\n\n"
            "The link works once and for %(dagen)d days. Did you not expect this mail? Then you can ignore it.\n"
        ) % {
            "door": door, "organisatie": organisatie.naam, "rol": _rol_label(uitnodiging.rol),
            "link": absolute_url(f"/uitnodiging/{uitnodiging_token(uitnodiging)}"),
            "dagen": UITNODIGING_GELDIG.days,
        },
    )


@transaction.atomic
def uitnodiging_create(*, organisatie: Organisatie, email: str, rol: str, door=None) -> Lidmaatschap | Uitnodiging:
    """Invite a person by e-mail to work in an organisation with a role.

    When the address has an account, the person becomes a member straight away and gets
    a mail saying so (returns the Lidmaatschap). Otherwise they get an invitation with a
    signed link to choose a password (returns the Uitnodiging); an earlier open
    invitation of the organisation to the same address stops working."""
    _check_rol(rol)
    email = get_user_model()._default_manager.normalize_email((email or "").strip())
    organisatie = _lock(organisatie.pk)
    account = _account_for(email)
    if account is not None:
        if Lidmaatschap.objects.filter(organisatie=organisatie, user=account).exists():
            raise ValidationError({"email": _("%(email)s is a member already.") % {"email": email}})
        lidmaatschap = lidmaatschap_create(user=account, organisatie=organisatie, rol=rol)
        _mail_added(lidmaatschap=lidmaatschap)
        return lidmaatschap
    Uitnodiging.objects.filter(
        organisatie=organisatie, email__iexact=email, status=UitnodigingStatus.OPEN
    ).update(status=UitnodigingStatus.VERVALLEN)
    uitnodiging = Uitnodiging(organisatie=organisatie, email=email, rol=rol, uitgenodigd_door=door)
    uitnodiging.full_clean()
    uitnodiging.save()
    _mail_invitation(uitnodiging=uitnodiging)
    return uitnodiging


@transaction.atomic
def uitnodiging_accepteer(*, uitnodiging: Uitnodiging, password: str) -> Geaccepteerd:
    """Accept an invitation: make the account with this password (checked by the site's
    password validators) and the membership. Works once: a second call, or one on a
    replaced invitation, is refused. When the address got an account in the meantime,
    that account becomes the member and its password stays as it is."""
    _lock(uitnodiging.organisatie_id)
    locked = Uitnodiging.objects.select_for_update().select_related("organisatie").filter(pk=uitnodiging.pk).first()
    if locked is None or locked.status != UitnodigingStatus.OPEN:
        raise ValidationError(_("This invitation was used already or is no longer valid."), code="gebruikt")
    account = _account_for(locked.email)
    nieuw = account is None
    if nieuw:
        account = get_user_model()(username=locked.email, email=locked.email)
        validate_password(password, account)
        account.set_password(password)
        account.full_clean(exclude=["password"])
        account.save()
    lidmaatschap = Lidmaatschap.objects.filter(organisatie=locked.organisatie, user=account).first()
    if lidmaatschap is None:
        lidmaatschap = lidmaatschap_create(user=account, organisatie=locked.organisatie, rol=locked.rol)
    locked.status = UitnodigingStatus.GEACCEPTEERD
    locked.geaccepteerd_op = timezone.now()
    locked.save(update_fields=["status", "geaccepteerd_op"])
    return Geaccepteerd(lidmaatschap=lidmaatschap, nieuw_account=nieuw)
